"""Regenerates train.jsonl: the built-in classifier's training corpus.

Hand-written subjects and sentences per category, combined deterministically (fixed seed) into
mails of one to four sentences. The evaluation set (eval.jsonl) is written separately, by hand,
with other senders, wording and lengths; never generate it from these pools.

Run: python3 services/classification/data/gen_train.py > services/classification/data/train.jsonl
"""

import json
import random

SENDERS = {
    "billing": ["ap@acme-corp.com", "finance@globex.io", "accounts.payable@initech.com",
                "laura.kim@umbrella.org", "billing-admin@hooli.com", "treasury@vandelay.net"],
    "sales": ["procurement@wayne-ent.com", "jorge.diaz@starkindustries.io", "cto@piedpiper.dev",
              "buyer@cyberdyne.net", "ops.lead@soylent.co", "founder@bluthco.com"],
    "support": ["devops@acme-corp.com", "it-help@globex.io", "sam.lee@initech.com",
                "engineer@hooli.com", "admin@massive-dynamic.com", "qa@vandelay.net"],
    "account": ["nina.r@umbrella.org", "user1982@gmail.com", "m.schmidt@initech.com",
                "it-admin@wayne-ent.com", "owner@bluthco.com", "karen.w@soylent.co"],
    "spam": ["winner@lucky-draw-prizes.biz", "deals@cheap-meds-online.info", "seo.expert@rank1-now.xyz",
             "crypto@moonshot-returns.club", "security@paypa1-verify.com", "leads@b2b-contact-lists.biz"],
    "other": ["events@saas-summit.org", "journalist@techdaily.news", "hr@acme-corp.com",
              "jane.doe@gmail.com", "alumni@state-university.edu", "office@globex.io"],
}

GREETINGS = ["Hi team,", "Hello,", "Dear support,", "Hi there,", "Good morning,", "", "", ""]
CLOSINGS = ["Thanks!", "Best regards, Laura", "Cheers, Sam", "Kind regards", "Thank you.", "", ""]

SUBJECTS = {
    "billing": [
        "Invoice INV-{n} is wrong", "Double charge on my card", "Refund request", "Question about my latest invoice",
        "Payment failed", "Update credit card on file", "VAT number missing on invoice", "Billing address change",
        "Charged after cancellation", "Receipt for last month", "Overdue invoice reminder", "Pro-rated charge question",
        "Card declined", "Credit note needed", "Why did my bill go up?", "Annual renewal charge",
        "Unpaid invoice {n}", "Wrong currency on invoice", "Payment method expired", "Tax exemption certificate",
        "Cancel my subscription and stop charging me", "Downgrade plan billing", "Duplicate payment", "Chargeback notice",
    ],
    "sales": [
        "Pricing for 200 seats", "Request a demo", "Enterprise plan quote", "Interested in your product",
        "Volume discount?", "Upgrade to the business tier", "Partnership opportunity", "RFP for CRM tooling",
        "Trial ending, want to buy", "Can we get a proposal?", "Adding more licenses", "Comparing you with a competitor",
        "Procurement questions before purchase", "Reseller program", "Custom contract terms", "Quote for the Pro plan",
        "Schedule a sales call", "Nonprofit pricing", "Multi-year deal", "Expansion to our EU team",
    ],
    "support": [
        "App crashes on startup", "API returns 500 errors", "Sync not working", "Dashboard is very slow",
        "Bug in export to CSV", "Integration with Slack broken", "Error when uploading files", "Webhook not firing",
        "How do I configure SSO?", "Reports show wrong numbers", "Service is down", "Mobile app keeps freezing",
        "Timeout errors since this morning", "Data missing after import", "Cannot save settings", "Emails not being sent",
        "Production outage", "Search returns nothing", "Help setting up the integration", "Error code 0x{n}",
    ],
    "account": [
        "Password reset not working", "Cannot log in", "Change my email address", "Add a new user to our workspace",
        "Delete my account", "Two-factor authentication lost phone", "Locked out of my account", "Transfer account ownership",
        "Update my profile name", "Remove a former employee", "GDPR data export request", "Change username",
        "Account locked after failed attempts", "Reset 2FA please", "Close our account", "Permissions for new admin",
        "Merge two accounts", "Verify my email address", "Deactivate user", "Recover my account",
    ],
    "spam": [
        "You have WON $1,000,000!!!", "Cheap meds without prescription", "Rank #1 on Google guaranteed",
        "Double your bitcoin in 24 hours", "Urgent: verify your account now", "Exclusive offer just for you",
        "Buy targeted email lists", "Hot singles in your area", "Claim your free gift card", "Make $5000 a week from home",
        "Congratulations, you are selected", "Final notice: your prize is waiting", "Lose 20 pounds fast",
        "Investment opportunity of a lifetime", "Guest post on your blog?", "Your mailbox is full - click to upgrade",
        "Inheritance funds transfer", "Limited time: 90% off Rolex", "SEO audit for your website", "Act now!!!",
    ],
    "other": [
        "Thank you!", "Out of office", "Invitation: SaaS Summit 2026", "Press inquiry", "Job application",
        "Lunch next week?", "Conference speaker opportunity", "Happy holidays from our team", "Meeting rescheduled",
        "Feedback on your blog post", "Office closed on Friday", "Survey: how are we doing?", "Interview request",
        "Welcome to the newsletter", "Congratulations on the launch", "Alumni reunion", "Team offsite photos",
        "Quick hello", "Referral for a friend", "Webinar recording",
    ],
}

SENTENCES = {
    "billing": [
        "Our last invoice shows {n} seats but we only have 40 users.",
        "My credit card was charged twice this month, please refund the duplicate payment.",
        "Can you send a copy of the receipt for our finance team?",
        "The payment failed because the card expired, how do I update the payment method?",
        "Please add our VAT number to the invoice, it is required for our accounting.",
        "We cancelled the subscription last month but were still charged.",
        "I would like a refund for the unused part of the annual plan.",
        "The invoice amount does not match the price we agreed on.",
        "Please update the billing address on our account to our new office.",
        "We were charged in USD instead of EUR, can you reissue the invoice?",
        "Our accounts payable team needs the invoice sent as PDF to ap@ our domain.",
        "Why did the monthly bill increase from $49 to $99?",
        "The renewal charge went through before we decided to renew.",
        "Please issue a credit note for the overcharge.",
        "Invoice {n} is marked overdue but we paid it by bank transfer last week.",
        "Can we switch from monthly billing to annual billing to save money?",
        "I see a pro-rated charge I don't understand after adding seats.",
        "Our card was declined, can we pay by wire transfer instead?",
        "We are tax exempt, attached is the certificate, please remove sales tax.",
        "Please stop charging my card, I want to cancel the plan immediately.",
        "We filed a chargeback with our bank because of the unexplained charge.",
        "Can you confirm the outstanding balance on our account?",
        "The payment of $12,500 was debited twice from our corporate account.",
        "Where can I download past invoices and billing history?",
        "Kindly refund the amount charged for the extra seats we removed.",
        "Our purchase order number must appear on every invoice.",
        "The subscription renewed at the wrong price tier.",
        "I need an itemized invoice for the expense report.",
        "The direct debit mandate failed, please retry the payment.",
        "Please downgrade us to the starter plan from the next billing cycle.",
    ],
    "sales": [
        "We are evaluating tools for our team of {n} people and would like pricing.",
        "Could we schedule a demo for our leadership next week?",
        "Do you offer volume discounts for more than 500 seats?",
        "We want to upgrade to the enterprise plan, who should we talk to?",
        "Please send a quote for the business tier with annual payment.",
        "Our trial ends on Friday and we are ready to buy.",
        "Is there a partner or reseller program we could join?",
        "We are comparing your product with a competitor and need a feature comparison.",
        "Our procurement team needs a security questionnaire and a proposal.",
        "Can you offer a multi-year contract with a locked price?",
        "We would like to add 25 more licenses to our plan.",
        "Do you have special pricing for nonprofits or education?",
        "We are expanding to Europe and want to roll the product out to another 80 users.",
        "Please share a sample contract and your standard terms.",
        "What would the price be for unlimited users?",
        "I'd love to hear more about your product, can someone from sales call me?",
        "Our budget for this quarter is approved, let's discuss the deal.",
        "We are issuing an RFP and would like you to respond.",
        "Could you put together a proposal including onboarding services?",
        "Is a pilot for one department possible before a company-wide purchase?",
        "We need a quote in GBP for our UK entity.",
        "Can we buy the analytics add-on as well?",
        "Interested in a partnership to bundle your product with our services.",
        "Who is the account executive for our region?",
        "We plan to sign before the end of the quarter if the price works.",
    ],
    "support": [
        "The app crashes every time I open the reports page.",
        "Since this morning the API returns HTTP 500 for every request.",
        "Data is not syncing between the mobile app and the web app.",
        "The dashboard takes more than a minute to load.",
        "Exporting to CSV produces an empty file.",
        "Our Slack integration stopped posting notifications.",
        "Uploading a file larger than 10 MB fails with an error.",
        "The webhook is not firing when a record is updated.",
        "How do I configure single sign-on with Okta?",
        "The numbers in the monthly report are wrong.",
        "The whole service is down for our team, nobody can work.",
        "The iOS app freezes after the latest update.",
        "We get timeout errors when calling the search endpoint.",
        "After the import, half of our contacts are missing.",
        "Saving the notification settings does nothing.",
        "Outgoing emails from the platform are not delivered.",
        "This is a production outage affecting all our customers.",
        "Search returns no results even for exact names.",
        "Can you help me set up the Zapier integration?",
        "We see error code 0x{n} in the logs, what does it mean?",
        "Steps to reproduce: open settings, click save, the page shows an error.",
        "The bug started after your release yesterday.",
        "Is there a known issue with the calendar view?",
        "The API documentation example does not work.",
        "Our users report the page is broken in Firefox.",
        "Please investigate, we attached screenshots and logs.",
        "Records we deleted keep coming back after sync.",
        "The integration token keeps expiring every hour.",
    ],
    "account": [
        "I forgot my password and the reset link never arrives.",
        "I cannot log in, it says my credentials are invalid.",
        "Please change the email address on my account to my new work address.",
        "How do I add a new user to our workspace?",
        "Please delete my account and all personal data.",
        "I lost my phone and cannot pass two-factor authentication.",
        "My account is locked after too many failed login attempts.",
        "Our admin left the company, please transfer ownership of the account to me.",
        "I want to update my display name and profile picture.",
        "Please remove access for a former employee.",
        "Under GDPR I request an export of all data you hold about me.",
        "Can I change my username?",
        "Please reset 2FA for my user.",
        "We want to close our account at the end of the month.",
        "How can I give admin permissions to a colleague?",
        "I have two accounts with different emails, can you merge them?",
        "The verification email for my address never arrived.",
        "Please deactivate the user account of our intern.",
        "I need to recover access to my old account.",
        "The login page keeps redirecting me back to sign in.",
        "Can you confirm which email address is the owner of our workspace?",
        "I want to turn on two-factor authentication for all members.",
        "Please update the phone number on my profile.",
        "Someone else may have access to my account, please help me secure it.",
    ],
    "spam": [
        "Congratulations! You have been selected to receive a cash prize of $1,000,000.",
        "Buy cheap pills online without a prescription, discreet shipping.",
        "We guarantee first page ranking on Google in 30 days, reply for a free SEO audit.",
        "Send us 0.1 BTC and receive 0.2 BTC back within 24 hours guaranteed.",
        "Your account will be suspended, click here to verify your password now.",
        "Exclusive limited time offer, act now before it expires!!!",
        "We sell verified email lists of decision makers in your industry.",
        "Meet hot singles tonight, click the link.",
        "Claim your free $500 gift card by completing this short survey.",
        "Work from home and earn $5000 per week with no experience.",
        "I am a prince and need your help to transfer $25 million inheritance.",
        "Your mailbox is full, log in here to upgrade your storage.",
        "Lose weight fast with this miracle supplement.",
        "Invest today in our crypto fund with 300% guaranteed returns.",
        "Can I publish a guest post with a backlink on your website?",
        "Replica watches at 90% off, free shipping worldwide.",
        "To unsubscribe from these promotional emails click here.",
        "Dear winner, please send your bank details to claim the lottery.",
        "This is not spam, you signed up for our partner offers.",
        "Click here to confirm the wire transfer of your funds.",
        "100% free, no risk, order now and get a bonus.",
        "Our web design agency can redesign your site for only $99.",
    ],
    "other": [
        "Just wanted to say thank you for the great help last week.",
        "I am out of the office until Monday with limited access to email.",
        "You are invited to speak at our conference in October.",
        "I am a journalist writing a story about your industry and would like a comment.",
        "Please find attached my CV for the open engineering position.",
        "Are you free for lunch next Thursday?",
        "Our meeting has been moved to 3 pm tomorrow.",
        "Happy holidays and best wishes for the new year from all of us.",
        "I enjoyed your blog post about remote work.",
        "The office will be closed on Friday for the public holiday.",
        "Please take a minute to fill in our annual survey.",
        "Congratulations on the new product launch, looks great!",
        "The alumni reunion takes place on June 12th.",
        "Here are the photos from the team offsite.",
        "Just saying hello, it has been a while!",
        "My friend might be interested in working with you, I referred her.",
        "The recording of yesterday's webinar is now available.",
        "Welcome to our monthly newsletter with industry news.",
        "For your information, no action is needed.",
        "We would like to interview your CEO for our podcast.",
        "Can you recommend a good book on leadership?",
        "The parking lot will be repainted next week.",
    ],
}


EXTRA = {'billing': ['Our bank statement shows a debit from you that we cannot match to any invoice.', 'We need to reconcile our ledger, please send a statement covering the last quarter.', 'The remittance for the open invoices was sent yesterday, please mark them paid.', 'We still have not received the refund you promised two weeks ago.', 'Please stop the payment reminders, the balance was settled.', 'Our finance system requires a purchase order reference and a proforma before payment.', 'Please share the IBAN and SWIFT code so we can pay by bank transfer.', 'Can the invoices be split per cost center?', 'Your vendor form and tax form are needed before accounts payable can pay.', 'You charged the full yearly fee although auto renewal was switched off.', 'I got charged when the free trial ended, I never chose a paid plan.', 'Please invoice us in our local currency from the next renewal.', 'Our company legal name on the invoices is wrong, accounting rejects them.', 'The discount we were promised is missing from the latest bill.', "There's a charge from your company on my card statement I don't recognise.", 'Please move our billing date to the first of the month.', 'We want the money back for the month we did not use.', 'The price per seat on the bill is higher than in our contract.', 'Our debit was taken from the wrong bank account, please reverse it.', 'What is the outstanding amount and when is it due?'], 'sales': ['We are a growing company looking for the right tool and would like to see a price list.', 'Which plan would fit a team of our size, and what does it cost per user?', 'Could you prepare an offer including onboarding and training?', 'We are shortlisting vendors and need your enterprise terms and SLA.', 'Is there a discount for startups or small businesses?', 'Please send references from customers in our industry.', 'We would like to become a reseller in our country.', 'Our contract renews soon and we want to expand to the whole company.', 'Can we get a quote in our local currency?', 'Our investor portfolio companies could all use your product, can we negotiate a group deal?', 'We want to list your product on our marketplace.', "We're switching from spreadsheets and exploring tools like yours.", 'A competitor offered a lower price per user, can you match it?', 'Please submit your bid for the tender, documents are attached.', 'Is there a free plan, and how much is it to upgrade later?', "We'd like a paid pilot before rolling out company-wide.", 'How much would we save by committing to an annual contract?', 'Can your sales team walk us through the product next week?', 'Which plan includes single sign-on and audit logs?', 'We are looking to purchase licenses for our new office.'], 'support': ['The page shows a spinner forever and never loads.', 'We receive 429 and 503 errors from the endpoint although our traffic is low.', 'The import stopped halfway and only part of the rows were created.', 'After the update, users no longer see their items.', 'The exported PDF shows broken characters.', 'Webhook events arrive with a long delay.', 'The SDK throws an exception when a field is empty, stack trace attached.', 'Each form submission creates duplicate records.', 'Files attached to records disappear after a while.', 'Filtering by date returns wrong results, steps to reproduce below.', 'Latency increased sharply and our app times out.', 'The button does nothing when clicked in the browser.', 'The cursor pagination skips some records.', 'Offline edits overwrite newer changes when syncing.', 'Is there a way to save a filter or view?', 'Shared links are reachable without logging in, which exposes data.', 'The portal returns bad gateway errors for everyone.', "How do I set this up? I can't find the option in settings.", 'The upload rejects our image with an unsupported format message.', 'Records migrated yesterday have wrong values.'], 'account': ['The password reset email says the link expired every time.', 'I changed jobs, please move my login to a different address.', 'Please revoke access for staff who left the company today.', 'I request erasure of my personal data under GDPR.', 'My authenticator app codes are gone after switching phones.', 'Please create a login for our new colleague.', 'How do we find out who owns our workspace?', 'I got married, please update my surname.', 'My account was locked for suspicious activity, please unlock it.', 'It says user not found although I signed in yesterday.', 'Can the account be handed over to the new owner of the business?', 'Is there bulk invite or SCIM provisioning for new hires?', 'Please sign out all sessions and reset the password of a compromised user.', 'I accidentally created a second account, please delete the extra one.', 'How do I restrict which roles can delete records?', 'Please resend the confirmation email for my address.', 'I need to update the mobile number used for login codes.', 'Please make my colleague an admin of the workspace.', 'The sign-in keeps looping back to the login screen.', "I never received the invitation to join my team's workspace.", 'I got an alert about a login from another country, please secure my account.', "Our domain changed, please update all users' email addresses."], 'spam': ['Your account has been limited, log in through this link to restore access.', 'A document has been shared with you, sign in with your email password to view it.', 'Your password expires today, click below to keep it.', 'Your parcel is held, pay a small fee via the link to reschedule delivery.', 'You are eligible for a tax refund, submit the form with your card details.', 'Hi dear, I saw your profile and want to get to know you, write me back.', 'Play now and get 200 free spins with your first deposit.', 'Your business is pre-approved for a loan with no credit check.', 'Buy followers and likes cheap, instant delivery.', 'We write essays and homework for you, plagiarism free.', 'Our certified hackers recover stolen crypto for a small upfront fee.', 'I am a soldier overseas and need a trustworthy person to receive a package of gold.', 'I am dying and want to donate my millions to charity through you.', 'Open the attached invoice and enable macros to view it.', 'We develop apps and websites for a fraction of the price, reply for our portfolio.', 'Your domain listing expires, pay now for search engine submission.', "You are today's lucky visitor, spin the wheel to win a phone.", 'We sell leads from any industry, pay per lead.', 'Join my private trading group and copy my signals for huge profits.', 'Genuine luxury goods at factory prices, free worldwide delivery.', 'We detected unusual activity, verify your identity within 24 hours or lose your account.', 'Your mailbox exceeded its quota, sign in here to keep receiving mail.'], 'other': ['The call for papers for our conference is open, submit your talk.', 'Are you coming to dinner on Sunday? Bring dessert.', 'Reminder: fire alarm test in the building tomorrow morning.', 'Save the date for the class reunion in September.', "This week's newsletter: articles, podcasts and events.", 'The organizer updated the time of the meeting invitation.', 'Could you write a recommendation letter for my son?', 'Thanks to your sponsorship we raised money for the hospital.', 'Our students would like to visit your office.', 'Your company was shortlisted for an award, please confirm attendance at the ceremony.', 'Your event badge is ready, show the QR code at registration.', 'I read your article and have some thoughts to share.', 'I have a candidate who could be a great fit for your open role.', 'The internet in the building will be down for maintenance tonight.', 'I love your open source library, do you accept contributions?', 'Thanks for the notes, nothing to add from my side.', 'Join us for a networking breakfast next Tuesday, please RSVP.', 'Here are the pictures from our holiday.', 'Would your team join our volunteering day at the food bank?', 'Do you offer internships for students?', 'Cake in the kitchen at three to celebrate a birthday!', 'Would someone be available for a short interview for our article?', 'Your car lights are on in the parking lot.', 'Congratulations on the funding round!']}
EXTRA_SUBJECTS = {'billing': ['Statement needed', 'Remittance advice', 'Refund not received', 'Proforma and PO', 'Money back please', 'Unknown charge on statement'], 'sales': ['Price list', 'Offer request', 'Vendor shortlist', 'Reseller inquiry', 'Group deal', 'Licenses for new office'], 'support': ['Page never loads', 'Errors from the API', 'Broken after update', 'Duplicate records', 'Exception in SDK', 'Bad gateway'], 'account': ['Login help', 'Unlock my account', 'Revoke access', 'Update surname', 'Invitation not received', 'Suspicious login alert'], 'spam': ['Account limited', 'Shared document for you', 'Parcel on hold', 'Tax refund pending', 'Free spins', 'Loan approved'], 'other': ['Call for papers', 'Dinner Sunday', 'Fire alarm test', 'Newsletter', 'Badge ready', 'Volunteering']}


def main() -> None:
    for k in SENTENCES:
        SENTENCES[k] = SENTENCES[k] + EXTRA[k]
        SUBJECTS[k] = SUBJECTS[k] + EXTRA_SUBJECTS[k]
    rng = random.Random(20261121)
    rows = []
    for cat, sentences in SENTENCES.items():
        for i in range(80):
            subject = rng.choice(SUBJECTS[cat]).replace("{n}", str(rng.randint(100, 99999)))
            k = rng.choice([1, 1, 2, 2, 2, 3, 4])
            body = [rng.choice(GREETINGS)]
            body += [s.replace("{n}", str(rng.randint(2, 9999))) for s in rng.sample(sentences, k)]
            body.append(rng.choice(CLOSINGS))
            text = " ".join(x for x in body if x)
            # Some mails are subject-only or body-only, as in real inboxes.
            if i % 16 == 0:
                text = ""
            rows.append({"from": rng.choice(SENDERS[cat]), "subject": subject if i % 21 else "",
                         "body": text or rng.choice(sentences).replace("{n}", "42"), "category": cat})
    rng.shuffle(rows)
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
