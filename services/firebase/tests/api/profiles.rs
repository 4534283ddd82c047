//! `get_profile`: the demo profiles seeded into Firestore, consistent with Identity Toolkit.

use serde_json::json;

use crate::helpers::{Options, spawn_app, spawn_app_with};

fn seeded() -> Options {
    Options {
        env: vec![(
            "SEED_PROFILES_FILE",
            sandbox::data::profiles::profiles_file()
                .display()
                .to_string(),
        )],
        ..Options::default()
    }
}

#[tokio::test]
async fn seeded_profiles_answer_and_match_the_firebase_account() {
    let app = spawn_app_with(seeded()).await;
    let profile = app
        .ok("get_profile", json!({"email": "taro.yamada@example.jp"}))
        .await;
    assert_eq!(profile["display_name"], "山田 太郎");
    assert_eq!(profile["locale"], "ja-JP");
    assert_eq!(profile["timezone"], "Asia/Tokyo");
    assert!(profile["preferences"]["theme"].is_string());

    let user = app
        .ok("get_user", json!({"email": "taro.yamada@example.jp"}))
        .await;
    assert_eq!(
        profile["uid"], user["uid"],
        "one uid across Auth and Firestore"
    );
}

#[tokio::test]
async fn seeding_twice_keeps_one_profile_per_person() {
    let project = testkit::unique_project("demo-fb");
    let on_project = || Options {
        project: Some(project.clone()),
        ..seeded()
    };
    // Two instances on one project both seed at start-up.
    let _first = spawn_app_with(on_project()).await;
    let app = spawn_app_with(on_project()).await;
    let p = app
        .ok("get_profile", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(p["email"], "alice@example.com");

    let url = format!(
        "http://{}/v1/projects/{project}/databases/(default)/documents/users?pageSize=1000",
        testkit::firestore_emulator()
    );
    let docs: serde_json::Value = common::tls::get(url).await.unwrap().json().await.unwrap();
    let count = docs["documents"].as_array().map_or(0, Vec::len);
    let expected = firebase::domain::load_profiles(&sandbox::data::profiles::profiles_file())
        .unwrap()
        .len();
    assert_eq!(count, expected);
}

#[tokio::test]
async fn a_person_without_a_profile_is_not_found() {
    let app = spawn_app_with(seeded()).await;
    // Dmitri has no app account, so no profile.
    let code = app
        .error_code("get_profile", json!({"email": "dmitri@example.net"}))
        .await;
    assert_eq!(code, "not_found");
}

#[tokio::test]
async fn without_seeding_the_users_collection_is_empty() {
    let app = spawn_app().await;
    let code = app
        .error_code("get_profile", json!({"email": "alice@example.com"}))
        .await;
    assert_eq!(code, "not_found");
}

#[tokio::test]
async fn seeded_profiles_also_work_in_memory() {
    let app = spawn_app_with(Options {
        firestore: false,
        ..seeded()
    })
    .await;
    let p = app
        .ok("get_profile", json!({"email": "ALICE@example.com"}))
        .await;
    assert_eq!(p["display_name"], "Alice Johnson");
}
