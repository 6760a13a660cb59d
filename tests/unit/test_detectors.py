"""Every built-in detector with positive and negative examples, and evidence spans."""

from __future__ import annotations

import pytest

from commcoach.rubric.builtin import BUILTIN_DETECTORS

CASES: dict[str, tuple[list[str], list[str]]] = {
    "no_blockers": (
        [
            "Merged the retry fix. No blockers.",
            "Blockers: none",
            "### Blockers\n- n/a\n### Next\n- ship it",
            "Nothing blocking me today.",
            "All good on my side, not blocked.",
        ],
        [
            "No blockers, but I'm waiting on review from Priya.",
            "Blockers: waiting for the staging keys",
            "I am not having access of staging database.",
            "Merged the retry fix.",
            "Done:\n- the retry fix\n\nBlockers:\n- \n",
            "Blockers: same as yesterday",
            "Blockers: TBD",
        ],
    ),
    "question": (
        [
            "I wasn't exactly sure if the text needed to change in other files too.",
            "I'm not quite sure what the rules are for deprecating a function.",
            "Could you please explain the term odd which you used earlier.",
            "Should I use the v2 endpoint?",
            "Which database should the job write to",
            "Thanks. Is staging down?",
            "Could you check the logs?Thanks",
            "Is the cache warm",
            "I was wondering whether the nightly job also cleans the temp bucket.",
            "I'd like to know if the freeze starts on Monday.",
            "I would like to know when the rollout window opens.",
            "Could you tell me which dashboard shows the queue depth.",
            "I wonder if anyone has seen this timeout before.",
            "I need to know whether the endpoint is public.",
        ],
        [
            "I'm sure whether he likes it or not, it ships.",
            "I am clear about what we need.",
            "I fixed the test.",
            "The job writes to Postgres.",
            "Please review my PR.",
            "Do let me know if anything is unclear!",
            "See https://example.com/search?q=refund for details.",
            "Do check the logs first.",
            "I know when the freeze starts.",
            "I was wondering about it all weekend, then it clicked.",
            "I told you where the keys are.",
        ],
    ),
    "date_time": (
        [
            "Today we will be working together to connect the login to the backend.",
            "This week I'm going to refactor the parser.",
            "I have created a ticket to tackle this in Q1.",
            "I'll finish it by Friday.",
            "ETA: tomorrow morning",
            "Target date: 12/14",
            "Deadline: 14.12.",
            "Release on 12/14/2026.",
            "I'll finish it over the weekend.",
            "I'll push it this afternoon.",
            "I'll push the fix after lunch.",
            "It should take 2 days.",
            "Can we meet at 3pm?",
            "Due 2026-12-04.",
            "I'll send it by end of day.",
            "next week",
            "Should be merged in a day or two.",
            "I'll have the draft ready within the week.",
            "I hope to finish the migration this week.",
            "Back on the 12th.",
            "Deploying on March 3.",
            "ETA 2-3 days",
            "The outage lasted 25 minutes.",
            "## Active (with ETA)\n- CD pipeline (1 Week)",
            "Could we do a 20-minute call?",
            "Ready before Monday.",
            "I'll ping you tomorrow.",
            "Let's meet at noon.",
            "Done by EOD.",
            "I need two more days.",
            "It starts at 13:52.",
        ],
        [
            "This week I fixed the bug and I will test more.",
            "The Q1 report is out.",
            "I fixed 12/14 of the tests.",
            "I worked over the weekend.",
            "I'm free after lunch.",
            "Deadline: unclear",
            "# Week 7 meeting\n_(July 9, 2024)_\n\nPresented the reports.",
            "Week: 9 (March 13 - March 19)\nDone: the parser",
            "I spent 8 hours on the project this week.",
            "How many hours did you spend this week?\n\n6 hours",
            "That's all for today, I pushed the fixes. Back tomorrow!",
            "I'll finish it soon.",
            "ASAP please.",
            "I fixed the login bug.",
            "at some point",
            "Last week I fixed the login bug.",
            "This week I worked on the refund emails.",
            "Yesterday I merged the PR.",
            "We are about one week behind.",
            "I fixed it 3 days ago.",
            "We use a 3rd party library.",
            "The job failed due to a timeout.",
            "The repo hasn't had a commit in 2 years.",
            "A PR is coming up in a short time.",
            "We may 3 times retry.",
            "I spent a day on it.",
        ],
    ),
    "completed_action": (
        [
            "## This week\n- [x] Make the API example doc\n- [ ] Write the tests",
            "The sequence diagram has been made anew.",
            "Yesterday I fixed the flaky test.",
            "I've merged the PR.",
            "Done: migration script",
            "The fix is deployed to staging.",
            "We wrote the design doc.",
            "I've written the design doc.",
            "The platform team has set up a staging box.",
            "I have recently added retries.",
            "Last week reviewed three PRs.",
            "- Fixed the login redirect",
            "- Done new internship report for the certificate.",
            "- merged the refund fix (PAY-12)",
            "merged the refund fix yesterday, working on the export now",
            "Was able to reproduce the crash.",
            "I\u2019ve merged it.",
        ],
        [
            "I will handle it after the exams are completed next week.",
            "Once the migration is finished, I'll deploy it.",
            "## Next week\n- [ ] Make the API example doc\n- [ ] Write the tests",
            "The merge request for the models has held my merge requests back.",
            "In the end, I thought it would be better to have one PR.",
            "My laptop has crashed a few weeks ago.",
            "It has been broken for a week and a half.",
            "The bug has been reported by a user.",
            "I will fix the test today.",
            "Could you review my PR?",
            "The test is flaky.",
            "I need your help.",
            "I wanted to ask about the schema.",
            "Have you tested it?",
            "As you've noticed, the build is red.",
            "I would have fixed it.",
            "Done: none yet",
            "I tried to use Redux for the store.",
            "- assigned to Sam",
            "- blocked on staging access",
            "confused about the ticket, sorry.",
            "My laptop died, so I lost half a day.",
            "- Took a break this week to spend time with family.",
            "* Took guidance from Gaurav on the license files.",
        ],
    ),
    "future_plan": (
        [
            "Next week's plan is to achieve as much progress as possible on the codec.",
            "It is almost done, need to add tests.",
            "Today I'll start the refund template.",
            "Next: write the migration.",
            "I'm going to pair with Sam.",
            "I plan to add tests.",
            "Tomorrow I will deploy it.",
            "I\u2019ll send the notes.",
            "The release will go out after QA.",
            "Next would be the API layer.",
            "Currently I am profiling the query.",
            "I m now working on the export.",
            "- going to open a PR for the config",
            "Hope to finish the docs.",
            "I have now started my work on the importer.",
            "I plan on finishing the API this week.",
            "I still have to fix the styling.",
            "Moving on to the dashboard tomorrow.",
            "I just started working on the importer.",
            "So I decided to work on the remaining tasks instead.",
            "We've decided to split the migration.",
            "We've begun to migrate the data.",
            "Search is next on my list.",
            "Next:\n- write the migration",
            "Started the parser and working on the tests.",
            "The PR is in progress.",
            "The parser is done, still need to add the render step.",
            "Ongoing\n- Node calls are flaky\n- Wrap up the reward bot",
            "- [ ] Add tests for the importer",
            "I hope to catch up on the review comments tomorrow.",
            "I'll do the migration and work harder on tests.",
        ],
        [
            "Is it ready, need to know?",
            "I have to say the docs were great.",
            "There will be no progress this week due to final exams.",
            "I fixed the bug yesterday.",
            "Is the build green?",
            "Thanks for the help.",
            "Will you review it?",
            "Should I write the docs?",
            "Done:\n- Working on the parser",
            "I'm looking forward to the demo.",
            "I am having trouble with the build.",
            "This week, I implemented the map view.",
            "Last week I started learning Rust and finished the tutorial.",
            "You need to restart the server.",
            "Next: none",
            "Done:\n- Add tests for the importer",
            "Blocked:\n- Deploy to staging (no key)",
            "- Node response is unreliable",
            "- Review: approved",
            "This week nothing should interrupt me, so I hope to make up for the lost time.",
            "I will do my best.",
            "We'll work harder next week.",
            "I hope to catch up.",
            "I plan to be more active in the channel.",
        ],
    ),
    "request": (
        [
            "Could you give me access to staging?",
            "Please review PR #482.",
            "Please do the necessary changes to the retry config.",
            "I need your input on the schema.",
            "Would it be possible to move the deadline?",
            "Let me know which option you prefer.",
            "Please let me know when the staging box is back.",
            "I was wondering if you could review the migration today.",
            "I'm wondering whether someone could pair with me on the flaky test.",
            "It would be great if you could look at the failing check.",
            "Is there any chance you could approve it before lunch?",
            "If you could add me to the on-call channel, that would help.",
            "Let me know if you have time for a short call.",
        ],
        [
            "I fixed the test.",
            "The deploy went well.",
            "I will start the template today.",
            "Let me know if you need anything.",
            "Please let me know if you have any questions.",
            "Let me know if anything is unclear.",
            "Feel free to ping me if you need help.",
            "Would you like me to take the ticket?",
            "Let me know in case there's anything else I can do.",
            "Happy to help if you need a hand.",
            "Please do the needful regarding the access issue asap.",
            "Kindly do the necessary.",
        ],
    ),
    "blocker": (
        [
            "The project is lagging behind slightly.",
            "The merge request for the models has held my merge requests back.",
            "I will continue once the playlist endpoint is made.",
            "Review required.",
            "Was on leave from 28th June to 4th July.",
            "The Docker issues may continue next week.",
            "This could become a bottleneck.",
            "I lost a couple of days to long distance travel.",
            "I'm still waiting.",
            "I went out for a while due to both work and study.",
            "He is not coming to the office as he is not feeling well.",
            "I will write the summary as soon as the draft of the report is available.",
            "I didn't have time last weekend, so the tests are not started.",
            "Stuff caught fire, so I have to re-clone the repo.",
            "The exam has gone badly and I need two more days.",
            "Blocked on staging access.",
            "My laptop has a hardware problem, so I'm working from the lab.",
            "I'm waiting for the API keys.",
            "This depends on PAY-12.",
            "I can't run the tests locally.",
            "The risk is that the migration takes longer.",
            "Blocked:\n- the CI runners are down",
            "- Blockers\n  - staging is down",
            "We are one week behind.",
            "The build keeps running out of memory.",
            "The flaky runner is a real pain.",
            "If I miss the freeze, the feature moves to May.",
            "It probably won't scale.",
            "There are some issues with the queue.",
            "The worker crashed twice overnight.",
            "We need approval before the rollout.",
            "Open question: which region do we use?",
            "Blocked:\n- Not really, but CI keeps running out of disk",
            "The CI was failing, I'll fix it today.",
            "I fixed it, but the export fails again on large files.",
            "The build is failing and I haven't fixed it yet.",
            "The worker crashes on start; it should work once the patch is fixed.",
            "Blocked on staging access. I fixed the flaky test though.",
            "Sorry for the delay in the release: the vendor has not sent the keys.",
            "The rollout is delayed until the audit ends.",
            "Slow week: I was feeling sick from Friday to Tuesday.",
            "Apologies for the delay, the API keys are still missing.",
            "The test data is not available yet.",
            "Still no response from the infra team about the VPN.",
            "Haven't heard back from the client yet.",
            "Not sure how to handle the timezone issue.",
            "I need access to the analytics bucket.",
            "The spec is unclear about refunds.",
            "The staging DB is down since this morning.",
            "The 40-minute build slows me down.",
            "I got the flu, so I'm a bit behind.",
            "There will be no progress this week due to final exams.",
            "I was busy with my exams, sorry for the silence.",
            "Awaiting mentor feedback to resume the pending PRs.",
            "Took a break this week to spend time with family.",
            "I'm stuck on the parser, can you help me?",
            "The time window for the demo is tight.",
            "The deadline is very tight.",
            "We have an unrealistic timeline for the redesign.",
            "I waited three days for VPN access.",
            "The code review took two weeks.",
            "Unfortunately the vendor has not replied yet.",
            "The model is not accurate enough for production.",
            "We don't have enough GPU memory for the full dataset.",
            "The endpoint throws an exception on empty input.",
            "I get a 403 when I push to the repo.",
            "The export doesn't work on Windows.",
            "The login page stopped working after the upgrade.",
            "The build is red since the merge.",
        ],
        [
            "No review is required for docs changes.",
            "Due to the study results we changed the plan.",
            "I will merge it as soon as my tests are ready.",
            "Has anyone had any problems with the new VPN?",
            "Nothing went wrong during the release.",
            "I had time to review two PRs.",
            "The release has no issues.",
            "Not blocked -- just not enough hours in the day!",
            "I haven't replied to Sam yet, I'll do it today.",
            "I don't work on Fridays.",
            "The deadline is not tight.",
            "The build was red but I fixed it.",
            "The endpoint threw an exception, which I fixed this morning.",
            "Latency went down by 20% after the cache change.",
            "Is anything blocking you that you need from others?\n- No",
            "Merged the fix. Let me know if you have any questions or concerns.",
            "I was busy with my exams for two weeks; since then I resumed work on the parser.",
            "Not sure how long the review takes, but nothing blocks me.",
            "No blockers.",
            "Everything is on track.",
            "I merged the PR yesterday.",
            "Blockers: none",
            "Blocked: None!",
            "Blocked:\n- Not really, but reviews are welcome",
            "Not blocked, just busy.",
            "I fixed an issue with the parser.",
            "Fixed a bunch of bugs.",
            "The page is now error free.",
            "Bumped go-ipfs-delay to 1.2.",
            "So sorry for the late update, and sorry again for the delay.",
            "Apologies for the delay in replying, I was at the offsite.",
            "Nothing is missing from the release.",
            "No keys are missing.",
            "There are no bugs left.",
            "Blocked:\n- {?}",
            "Work out the caching issue with Sam.",
            "The issues on GitHub are labelled.",
            "The CI was failing yesterday but I fixed it.",
            "The import crashed twice this morning. We patched it before lunch.",
            "The tests were flaky but they pass now.",
            "I was stuck on the migration but figured it out.",
            "The deploy was blocked by a missing secret, which is resolved now.",
            "The login bug was a problem last week; it is no longer an issue.",
            "I lost my keys on the way in.",
        ],
    ),
    "number": (
        [
            "It fails in 3 of 10 runs.",
            "About two hours.",
            "Latency went up 40%.",
            "INV-42 has 17 failed payments.",
            "The sync took 1.5 hours.",
            "We have 2000 users on the beta.",
            "Could we do a 20-minute call?",
            "PR #482 touches 12 files.",
        ],
        [
            "It fails sometimes.",
            "It takes a while.",
            "The page is slow.",
            "See INV-42 for details.",
            "The stand-up moved to 09:10.",
            "Please review PR #482.",
            "Please do the necessary changes to the retry config.",
            "We upgraded to v2.1 of the SDK.",
            "Bumped the client to 1.4.2.",
            "Due 2026-12-04.",
            "Let's meet at 3pm.",
            "The release is on May 10.",
            "It ships in 2026.",
            "This is my 3rd attempt.",
            "No one replied yet.",
            "Line 42 of PR 77 throws.",
        ],
    ),
    "greeting": (
        ["Hi Maya,\nquick update.", "Good morning team!", "Dear Ms. Lopez,"],
        ["Quick update on PAY-231.", "Thanks, Maya.", "I think hi-res images are fine."],
    ),
    "sign_off": (
        [
            "Here is the fix.\n\nThanks,\nPriya",
            "See the PR.\nBest regards,\nAli",
            "Sounds good, merging now.\nCheers",
            "The draft is in the shared folder.\n\nKind regards,\nLucía Fernández",
            "PR is up for review. Thanks!",
            "I attached the logs.\nThanks for your help!\nSam",
            "Here it is. Thanks again, Sam!",
        ],
        [
            "Thanks for the review, I have updated the PR and pushed again.",
            "Hi Maya,",
            "Thanks, I will check it.",
            "Cheers",
            "Sure.\nThanks, I will check it tomorrow.",
            "Hello.\nThanks\nI will check it.",
            "Best regards",
        ],
    ),
    "apology": (
        ["Sorry for the delay.", "I apologise for the noise.", "My apologies, wrong channel."],
        [
            "Thanks for the delay notice.",
            "I fixed the bug.",
            "Unfortunately the build failed again.",  # regret, not an apology
        ],
    ),
    "gratitude": (
        ["Thanks for the quick review!", "I really appreciate your help.", "Thank you, Sam."],
        ["Please review my PR.", "I fixed it."],
    ),
    "understanding": (
        [
            "What do you mean by input spec? If so, having no input is a valid scenario.",
            "I would say this makes sense.",
            "My understanding is that the export runs nightly.",
            "I know based on lecture 3 that a README is expected in the data folder.",
            "We noticed in the logs that the job retries twice.",
            "Correct me if I'm wrong, but the cron runs hourly.",
            "I'm guessing the flag is per user?",
            "IIUC the flag is per user.",
            "You said earlier that you want the PDF as well. In which format?",
            "Oh you mean a squash, you said rebase.",
            "I handed it in and realised that the report goes in the README.",
            "I understand that we need CSV.",
            "I assumed the 95th percentile.",
            "If I understand correctly, only admins see it.",
            "The ticket says the limit is 100.",
            "From what I read, the job runs nightly.",
            "I thought the limit was 100.",
            "The export runs nightly, right?",
            "Isn't the cache supposed to expire?",
            "As you said, the API is read-only.",
            "You mentioned the limit is per user.",
            "They are not listed in the README.",
            "It is only supported on Linux.",
            "So to sum up, we keep CSV.",
            "If a user deletes a card, the job will skip it.",
            "I get this error when I run the tests.",
            'It shows "permission denied" on start.',
            "Since the API is read-only, we cannot write to it.",
            "I'm not sure about the retry policy.",
            "I am unfamiliar with Kafka.",
            "I can't figure out how the cache is keyed.",
            "My intention was to keep both formats.",
            "The schema, I think, is fine.",
            "The button is not a link but a toggle.",
            "To confirm, the export runs nightly and keeps 30 days.",
            "So to confirm: we keep CSV and drop XML.",
            "Just to make sure I understand: the limit is per user.",
            "Ok, to double-check, the admin page stays internal.",
            "Thanks! To confirm, only admins can delete projects.",
            "Just to make sure I've understood, we ship on Friday.",
            "we have to do questions 13 and 14 and also give a bug report?",
            "So the export runs nightly at 2 AM?",
        ],
        [
            "I read your feedback just now. Can we move the deadline to Friday?",
            "I think it is sometimes more handy to work with HTML output than PDFs.",
            "Should I do it? If so, please tell me.",
            "I would say thanks to all of you.",
            "I read in the morning, before stand-up.",
            "Can I know from you whether that is fine?",
            "By toolbar section, do you mean the toolbar on the sandbox page?",
            "I think you have to just work with one of them.",
            "I think it is better to keep the commits separate.",
            "Please send the file.",
            "I fixed the bug.",
            "When is the deadline?",
            "I think it would be great to add a cache.",
            "I thought it'd be easier for you to review if each PR were small.",
            "I thought it was simpler to split the migration.",
            "Can you explain why this is required?",
            "May I know what the limit is?",
            "I updated the timeline.",
            "At the moment I have only a draft.",
            "I really understand.",
            "If so, please confirm.",
            "I think I could be of great help.",
            "I need you to confirm the date.",
            "Could you help me to confirm the booking?",
            "Because otherwise we are not allowed to merge it, I split the PR.",
            "Do we have to give a bug report?",
            "What does the export do at night?",
            "Is there a limit?",
        ],
    ),
    "options": (
        [
            "How detailed should it be? Is 1-2 sentences okay?",
            "Friday would be a great day to finish it up properly.",
            "If something else is required, I'll send a new proposal.",
            "Do you mean to say remove the approach and just mention the problems.",
            "Would this mean removing the architecture section?",
            "I created a report.pdf instead. Is this still valid?",
            "Ideally, we should ask them to use only the new format.",
            "Perhaps we should just say the code is optional?",
            "Draft PR for #55. Let me know if you think we need to fix the tests or the code.",
            "Should I add a new endpoint or extend the old one?",
            "Option A is a cron job.",
            "Unless you disagree, I'll go with CSV.",
            "I propose we split the ticket.",
            "By default I would keep the old format.",
            "Do you mean the admin page?",
            "Does this mean we drop CSV?",
            "The limit is 100, correct?",
            "We were wondering if the code should go in an appendix, or in the report itself.",
            "Should I also update the docs?",
            "May I rename the module?",
            "Shall we use Redis?",
            "Would it be better to cache it?",
            "Is it okay to skip the migration?",
            "Another option would be a cron job.",
            "We could use a queue instead of polling.",
            "I can write the migration.",
            "Let's keep both.",
            "One way would be to batch the calls.",
            "I was thinking of a feature flag.",
            "What if we cache the token?",
            "Is this approach fine?",
            "My plan is to reuse the client.",
            "Should it run nightly or hourly, since the data changes slowly.",
        ],
        [
            "Is the build ok?",
            "If I have time, I'll be there.",
            "What do you mean by input spec?",
            "Hi! I would like to work on this.",
            "Let me know if you have any questions or concerns.",
            "Can I please be assigned?",
            "I fixed the bug.",
            "So the job runs hourly?",  # a reading to confirm, no option: see understanding
            "I was wondering if you could review my PR.",  # no alternative after it
            "When is the deadline?",
            "Please review my PR.",
            "Which issues should I add?",
            "Can you explain why this is needed?",
            "I would like to know whether the API is public?",
            "Anything else we can add?",
            "Jeff?",
            "I helped as much as I can by reviewing.",
            "I think I could be of great value.",
            "I added more details to the page.",
            "I'd like to get your feedback.",
            "Users can log in by any alternative.",
            'The template still says "I propose a cache" in it.',
        ],
    ),
}


def test_every_builtin_detector_has_cases() -> None:
    assert set(CASES) == set(BUILTIN_DETECTORS)


@pytest.mark.parametrize(
    ("name", "text"),
    [(n, t) for n, (pos, _) in CASES.items() for t in pos],
)
def test_detector_finds_positive_example(name: str, text: str) -> None:
    span = BUILTIN_DETECTORS[name].detect(text)
    assert span is not None, f"{name} missed: {text!r}"
    assert 0 <= span.start < span.end <= len(text)
    assert text[span.start : span.end].strip()


@pytest.mark.parametrize(
    ("name", "text"),
    [(n, t) for n, (_, neg) in CASES.items() for t in neg],
)
def test_detector_ignores_negative_example(name: str, text: str) -> None:
    span = BUILTIN_DETECTORS[name].detect(text)
    assert span is None, f"{name} fired on {text!r}: {text[span.start : span.end]!r}"


def test_evidence_points_at_the_words_that_satisfied_it() -> None:
    text = "Quick update. I'll be done by Thursday noon, if CI behaves."
    span = BUILTIN_DETECTORS["date_time"].detect(text)
    assert span is not None
    assert text[span.start : span.end] == "by Thursday"


def test_evidence_spans_survive_emoji_before_them() -> None:
    text = "🚀🚀 shipped! Could you review PR #9?"
    span = BUILTIN_DETECTORS["request"].detect(text)
    assert span is not None
    assert text[span.start : span.end].startswith("Could you")


# Whole messages in other voices than the examples above, with the elements each one has.
# (A weekday counts as a date even in the past: "sick on Monday" gives a date, not an ETA.)
UPDATE_ELEMENTS = {
    "done": "completed_action",
    "next": "future_plan",
    "blocker": "blocker",
    "eta": "date_time",
}
UPDATES: list[tuple[str, set[str]]] = [
    (
        "Worked on the invoice PDF layout yesterday, it renders fine on Chrome now. "
        "Today: Safari fixes. Nothing blocking.",
        {"done", "next"},
    ),
    (
        "Update: the payment retries are merged. I will look at the dashboard alerts tomorrow and "
        "should have a draft by Wednesday. Risk: the vendor API rate limit may hit us during the "
        "migration.",
        {"done", "next", "blocker", "eta"},
    ),
    (
        "Did: code review for Lena, paired on flaky e2e test.\nDoing: refactor of the auth "
        "middleware.\nBlockers: need a decision on token lifetime from security.",
        {"done", "next", "blocker"},
    ),
    (
        "Finished the onboarding checklist and set up my laptop. Tomorrow I am shadowing Ravi on "
        "the on-call rotation.",
        {"done", "next", "eta"},
    ),
    (
        "Still fighting the Docker build, it fails on the ARM runners. Tried pinning the base "
        "image, didn't help. Will ask in #infra.",
        {"done", "next", "blocker"},
    ),
    (
        "I couldn't finish the report because the data export was empty. I'll rerun it after the "
        "fix lands, ETA Thursday.",
        {"blocker", "next", "eta"},
    ),
    (
        "Progress this sprint: 4 of 6 tickets closed. The last two depend on the design review, "
        "which moved to next Tuesday.",
        {"done", "blocker", "eta"},
    ),
    (
        "Sorry for the late update! I was sick on Monday. Today I'm catching up on emails and "
        "then continuing the search filters.",
        {"next", "eta", "blocker"},  # time lost to illness is a difficulty a reader would note
    ),
    (
        "Reviewed three PRs and answered the support tickets. No blockers. Plan: write tests for "
        "the CSV importer, should be done in 2 days.",
        {"done", "next", "eta"},
    ),
    (
        "The migration script ran on staging without errors. Next step is the production run, "
        "scheduled for Saturday 10:00.",
        {"done", "next", "eta"},
    ),
    (
        "Last week I was out. This week I learned the codebase and fixed two small UI bugs.",
        {"done"},
    ),
    (
        "We are behind schedule on the search feature, about three days. I plan to cut the fuzzy "
        "matching and ship the basic version by Friday.",
        {"blocker", "next", "eta"},
    ),
]

CLARIFY_ELEMENTS = {"question": "question", "understood": "understanding", "options": "options"}
CLARIFICATIONS: list[tuple[str, set[str]]] = [
    (
        "Hi Tom, quick question about the export ticket: should the CSV include deleted users, or "
        "only active ones? I assume only active, since the ticket talks about 'current customers'.",
        {"question", "understood", "options"},
    ),
    ("Could you tell me where the staging credentials are?", {"question"}),
    (
        "I read the spec for the rate limiter. It says 100 requests per minute, but is that per "
        "user or per API key? If per key, I would store the counter in Redis.",
        {"question", "understood", "options"},
    ),
    ("Thanks for the review! I pushed the changes.", set()),
    (
        "Just to check: when you say 'archive', do you mean delete the rows or move them to the "
        "archive table?",
        {"question", "understood", "options"},
    ),
    ("Which branch should I base the hotfix on?", {"question"}),
    (
        "My understanding is that the cron job runs at midnight UTC. Is that right? If yes, I'll "
        "schedule the cleanup for 01:00.",
        {"question", "understood", "options"},
    ),
    (
        "I'm not sure what the 'priority' field is for. Is it used anywhere?",
        {"question", "understood"},
    ),
    (
        "Should the new endpoint be public? I'd suggest keeping it internal for now.",
        {"question", "options"},
    ),
    ("Great, that makes sense. I'll start on it tomorrow.", set()),
    (
        "From the design doc, the modal closes on outside click. Do we want the same on mobile, "
        "or a close button only?",
        {"question", "understood", "options"},
    ),
    ("Hey, is there a style guide for commit messages?", {"question"}),
]


@pytest.mark.parametrize(("text", "expected"), UPDATES + CLARIFICATIONS)
def test_whole_messages_get_the_elements_a_reader_sees(text: str, expected: set[str]) -> None:
    elements = UPDATE_ELEMENTS if (text, expected) in UPDATES else CLARIFY_ELEMENTS
    found = {k for k, name in elements.items() if BUILTIN_DETECTORS[name].detect(text)}
    assert found == expected


def test_done_is_recognised_despite_a_tense_slip() -> None:
    from commcoach.rubric.builtin import BUILTIN_DETECTORS as detectors

    text = "Yesterday I fix the bug in the login page."
    span = detectors["completed_action"].detect(text)
    assert span is not None and text[span.start : span.end].startswith("Yesterday I fix")
    assert detectors["completed_action"].detect("Yesterday I was out sick.") is None


@pytest.mark.parametrize(
    ("name", "text", "evidence"),
    [
        ("number", "INV-42 has 17 failed payments since 09:10.", "17"),
        ("number", "PR #482: v2.1 adds 3 retries.", "3"),
        (
            "sign_off",
            "Here is the fix.\n\nBest regards,\nPriya Shah\n",
            "Best regards,\nPriya Shah",
        ),
        ("request", "Let me know if you need anything. Could you merge it?", "Could you merge"),
        ("understanding", "So to confirm: the job runs hourly?", "So to confirm"),
        (
            "question",
            "Hi. I was wondering whether CI caches wheels.",
            "I was wondering whether CI caches wheels.",
        ),
        ("blocker", "The tests failed, I fixed them, and now the deploy fails.", "fails"),
    ],
)
def test_evidence_skips_ids_offers_and_fixed_problems(name: str, text: str, evidence: str) -> None:
    """The evidence is the quantity, the real request, the problem still open: not the decoys."""
    span = BUILTIN_DETECTORS[name].detect(text)
    assert span is not None and text[span.start : span.end] == evidence
