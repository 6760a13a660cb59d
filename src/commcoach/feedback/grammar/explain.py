"""Learner-oriented explanations for LanguageTool's rule categories.

LanguageTool's own message says what is wrong in this sentence; these texts add why it matters
in a workplace message, in plain words for people writing English as a second language.
Each entry: (why, weak example, better example); the examples are used when the match itself
offers no replacement to build a before/after from.
"""

from __future__ import annotations

from commcoach.feedback.report import Category, Severity
from commcoach.languagetool.custom_rules import CATEGORY_ID as LEARNER_CATEGORY

CATEGORY_TEXT: dict[str, tuple[str, str, str]] = {
    "GRAMMAR": (
        "Grammar slips (verb forms, agreement, articles) make readers stop and re-read, and in "
        "a status update they can make careful work look careless.",
        "He go to the meeting yesterday.",
        "He went to the meeting yesterday.",
    ),
    "TYPOS": (
        "Misspelled words are the first thing readers notice and they weaken trust in the rest "
        "of the message. If this is a name or a tech term, add it to your personal dictionary.",
        "I fixed teh login bug.",
        "I fixed the login bug.",
    ),
    "CONFUSED_WORDS": (
        "These words look or sound alike but mean different things; the wrong one can change "
        "what your teammates understand.",
        "The fix will effect the release.",
        "The fix will affect the release.",
    ),
    "PUNCTUATION": (
        "Punctuation shows where one idea ends and the next begins; a missing or extra mark "
        "makes a sentence harder to follow.",
        "After the deploy we saw errors so I rolled back",
        "After the deploy, we saw errors, so I rolled back.",
    ),
    "CASING": (
        "Capital letters mark the start of sentences and names; wrong capitals look careless "
        "and can hide what is a product name.",
        "yesterday i talked to the Team.",
        "Yesterday I talked to the team.",
    ),
    "COLLOCATIONS": (
        "English puts certain words together by habit; the unusual combination is understood "
        "but sounds foreign.",
        "We need to do a decision today.",
        "We need to make a decision today.",
    ),
    "REDUNDANCY": (
        "Extra words make a message longer without adding meaning; busy readers skim, so say "
        "it once and briefly.",
        "In order to fix the bug, we need to first of all reproduce it.",
        "To fix the bug, we first need to reproduce it.",
    ),
    "STYLE": (
        "This is not wrong, but there is a clearer or more natural way to say it.",
        "I would like to kindly request you to review.",
        "Could you review this, please?",
    ),
    "PLAIN_ENGLISH": (
        "Plain words are faster to read, especially for colleagues who also use English as a "
        "second language.",
        "We will utilize the new endpoint.",
        "We will use the new endpoint.",
    ),
    "TYPOGRAPHY": (
        "Spacing and symbols are small details, but consistent ones make a message look finished.",
        "Done ,merged and deployed.",
        "Done, merged and deployed.",
    ),
    "SEMANTICS": (
        "The sentence is grammatical, but the meaning may not be what you intended (dates, "
        "numbers, logic). Check the facts.",
        "The demo is on Monday, 31 February.",
        "The demo is on Monday, 3 March.",
    ),
    "NONSTANDARD_PHRASES": (
        "This phrase is not standard English; readers may understand it, but it sounds unusual.",
        "I could care less about the colour.",
        "I couldn't care less about the colour.",
    ),
    "MISC": (
        "A small slip, such as a repeated word, that is easy to fix before you send.",
        "The the tests pass now.",
        "The tests pass now.",
    ),
    "FALSE_FRIENDS": (
        "This word looks like one in your first language but means something else in English.",
        "I will become the report tomorrow.",
        "I will get the report tomorrow.",
    ),
    "REPETITIONS_STYLE": (
        "The same word many times close together makes text feel heavy; vary or cut it.",
        "We tested the fix and tested the tests.",
        "We tested the fix and reviewed the tests.",
    ),
    "AMERICAN_ENGLISH": (
        "You chose one variety of English; mixing US and UK spellings looks inconsistent.",
        "The colour of the color picker.",
        "The color of the color picker.",
    ),
    "BRITISH_ENGLISH": (
        "You chose one variety of English; mixing UK and US spellings looks inconsistent.",
        "We need to organize and organise.",
        "We need to organise it.",
    ),
    "COMPOUNDING": (
        "Some word pairs are written as one word or with a hyphen in English; the wrong form "
        "looks like a typo to a careful reader.",
        "We need a follow up meeting about the set up.",
        "We need a follow-up meeting about the setup.",
    ),
    "MULTITOKEN_SPELLING": (
        "This name or expression of several words is spelled differently; readers notice "
        "misspelled names of people, places and products.",
        "We met in Los Angelos.",
        "We met in Los Angeles.",
    ),
    "PROPER_NOUNS": (
        "Names of products, companies and places have one correct spelling; getting them "
        "right shows care, especially in messages to clients.",
        "We deployed it on Github and Linkedin.",
        "We deployed it on GitHub and LinkedIn.",
    ),
    "CREATIVE_WRITING": (
        "A wording hint for more vivid writing; in a work message, clear and plain matters "
        "more, so take it only if it helps.",
        "It was very very slow.",
        "It was extremely slow.",
    ),
    "WIKIPEDIA": (
        "A common slip in encyclopaedic text; it reads as careless in a report too.",
        "It was build in 2010.",
        "It was built in 2010.",
    ),
    "TON_ACADEMIC": (
        "A more formal or precise word fits written reports better than a spoken one.",
        "We got a lot of bugs.",
        "We found many bugs.",
    ),
    "REPETITIONS": (
        "The same word twice in a row is almost always a slip; readers notice it at once.",
        "Please review the the PR.",
        "Please review the PR.",
    ),
    "GENDER_NEUTRALITY": (
        "A gender-neutral word includes everyone on the team and every user.",
        "Each developer should update his branch.",
        "Each developer should update their branch.",
    ),
    "CC_LEARNER": (
        "A slip that teachers of English as a second language circle first (commcoach's own "
        "learner rules, run inside LanguageTool).",
        "Yesterday I have fixed the login bug.",
        "Yesterday I fixed the login bug.",
    ),
    "APRIL": (
        "A joke rule that LanguageTool runs only on April Fools' Day; you can ignore it.",
        "",
        "",
    ),
}
LEARNER_TEXT: dict[str, tuple[str, str, str]] = {
    "CC_PERFECT_PAST_TIME": (
        'English uses the present perfect ("have fixed") for the past connected to now, and the '
        'simple past ("fixed") for a finished time such as yesterday, last Friday or two days '
        "ago. Many languages use one form for both, so the mix-up is very common.",
        "Yesterday I have fixed the login bug.",
        "Yesterday I fixed the login bug.",
    ),
    "CC_PERFECT_PAST_TIME_NOUN": (
        'English uses the simple past ("deployed") for a finished time such as yesterday or '
        'last week, whoever did it; "has deployed" is for the past connected to now.',
        "Yesterday our team have deployed the new checkout.",
        "Yesterday our team deployed the new checkout.",
    ),
    "CC_PAST_TIME_BASE_FORM": (
        "A finished time (yesterday, last week, two days ago) needs the past form of the verb; "
        "the base form makes readers wonder whether it happened or is still planned.",
        "Last week we start the load tests.",
        "Last week we started the load tests.",
    ),
    "CC_HAVE_PAST_FORM": (
        'After "have" English uses the past participle (done, gone, written); with a finished '
        'time only the simple past fits, without "have".',
        "Yesterday I have did the review.",
        "Yesterday I did the review.",
    ),
    "CC_AGREEMENT_INDEFINITE": (
        "Nobody, everyone, someone and each are singular in English, so the verb takes -s "
        '("everyone has"), even when you think of many people.',
        "Nobody answer me on the support channel.",
        "Nobody answers me on the support channel.",
    ),
    "CC_AGREEMENT_DONT": (
        'With he, she or it, English says "doesn\'t" (does not); "it don\'t" is heard in '
        "some dialects but reads as a mistake in writing.",
        "It don't retry when the request fails.",
        "It doesn't retry when the request fails.",
    ),
    "CC_AGREEMENT_PEOPLE": (
        '"People" and "children" are plural in English (one person, two people), so the '
        'verb is plural: "people are".',
        "People is happy with the new dashboard.",
        "People are happy with the new dashboard.",
    ),
    "CC_AGREEMENT_HEAD_OF": (
        'In "the number of failing tests is growing" the subject is "the number", one thing; '
        "the verb agrees with it, not with the plural noun just before the verb.",
        "The number of failing tests are growing.",
        "The number of failing tests is growing.",
    ),
    "CC_FELL_FEEL": (
        '"Fell" is the past of "fall" (the server fell over); how someone is takes "feel": '
        '"users may feel confused". The two sound alike, so the spell checker cannot help.',
        "Users may fell confused by the new form.",
        "Users may feel confused by the new form.",
    ),
    "CC_AGREEMENT_SINGULAR_NOUN": (
        'With one thing or person as the subject, a present-tense verb takes -s ("the user '
        'has"); readers notice a missing -s at once.',
        "The user have two accounts.",
        "The user has two accounts.",
    ),
    "CC_AGREEMENT_PLURAL_NOUN": (
        'With several things or people as the subject, the verb has no -s and "be" is '
        '"are" or "were" ("the tests are", "all the tickets have"), wherever the clause starts.',
        "The build fails because the tests is out of date.",
        "The build fails because the tests are out of date.",
    ),
    "CC_AGREEMENT_RELATIVE": (
        'After "who" or "that", the verb agrees with the noun it refers to: one person '
        '"who knows", several people "who know".',
        "I know someone who know the mail queue.",
        "I know someone who knows the mail queue.",
    ),
    "CC_MISSING_DETERMINER": (
        "A single thing you can count needs a word such as the, a, my or this before it in "
        'English ("the bug", "a ticket"). Languages without articles leave it out, and '
        "English readers notice.",
        "I fixed couple of bugs and worked on checkout page.",
        "I fixed a couple of bugs and worked on the checkout page.",
    ),
    "CC_DO_MAKE": (
        'Some nouns go with "make", not "do": make a change, a decision, a mistake, progress, '
        'an effort, a suggestion. "Do" with them is understood but sounds translated.',
        "I did the changes in the navbar section.",
        "I made the changes in the navbar section.",
    ),
    "CC_PREPOSITION": (
        "Some words take a fixed preposition in English (access to, look forward to); the "
        "wrong one is understood but sounds translated.",
        "I still have no access of the staging database.",
        "I still have no access to the staging database.",
    ),
    "CC_STATIVE_PROGRESSIVE": (
        "Verbs for states (have as in own, know, need, contain) are not used in the -ing form: "
        '"I have access", not "I am having access".',
        "I am not having access to the staging database.",
        "I do not have access to the staging database.",
    ),
    "CC_BE_BASE_FORM": (
        'A form of "be" cannot be followed by a plain verb: say what is going on with -ing '
        '("we are finishing"), or drop "be" ("we finish"). Learners often add "be" where their '
        "language marks the present tense.",
        "We are finish the report today.",
        "We are finishing the report today.",
    ),
    "CC_UNTIL_NOW_PRESENT": (
        '"Until now" covers the time up to this moment, so English uses the present perfect '
        '("until now I have tried"). The simple present ("until now I try") says nothing about '
        "that stretch of time and reads as a tense slip.",
        "Until now, I try to keep the tests green.",
        "Until now, I have tried to keep the tests green.",
    ),
    "CC_FUTURE_IN_TIME_CLAUSE": (
        'After "as soon as", "once", "after", "until", "by the time" and a condition with "if", '
        'English talks about the future in the present tense ("as soon as I arrive", "if the '
        'build fails again"); "will" goes in the other part of the sentence.',
        "I will call you as soon as I will arrive.",
        "I will call you as soon as I arrive.",
    ),
    "CC_BECAUSE_OF_CLAUSE": (
        '"Because of" is followed by a noun phrase ("because of the outage"). When a full '
        'clause with its own verb follows, use "because" alone ("because the manager is sick").',
        "The meeting moved because of the manager is sick.",
        "The meeting moved because the manager is sick.",
    ),
    "CC_BECAUSE_SO": (
        'English marks a reason or a contrast once: "Because it was late, we stopped" or "It was '
        'late, so we stopped"; "Although it was late, we finished". Using both "because" and "so" '
        '(or "although" and "but") is a pattern from other languages.',
        "Because the build was red, so we did not deploy.",
        "Because the build was red, we did not deploy.",
    ),
    "CC_VERY_VERB": (
        '"Very" goes with adjectives and adverbs ("very useful"). With a verb English says '
        '"really" ("I really appreciate it") or "very much" ("I appreciate it very much").',
        "We very appreciate your help.",
        "We really appreciate your help.",
    ),
    "CC_THERE_HAVE": (
        'To say that something exists, English uses "there is" and "there are"; "there have" '
        'only comes before "been" ("there have been delays").',
        "There have many problems in this code.",
        "There are many problems in this code.",
    ),
    "CC_OTHER_PLURAL": (
        '"Other" before a noun never takes -s ("other teams"); "others" stands alone ("others '
        'agree"). "Much" is for what you cannot count ("much time"); a plural noun takes "many".',
        "Others teams had much meetings about it.",
        "Other teams had many meetings about it.",
    ),
    "CC_ARTICLE_NO_NOUN": (
        '"A" and "an" introduce a noun. With an adjective alone after "is", leave the article '
        'out ("it is very important"), or add the noun ("it is a very important step").',
        "It is a very important for me.",
        "It is very important for me.",
    ),
    "CC_SUBJECT_COPY": (
        "An English sentence names its subject once. After a noun subject, a pronoun that "
        'repeats it ("my brother he") is left out.',
        "My manager he said the release moves to Monday.",
        "My manager said the release moves to Monday.",
    ),
    "CC_AGREEMENT_ONE_OF": (
        '"One of the tests" is one test: the verb agrees with "one", not with the plural noun '
        'after "of" ("one of the tests fails").',
        "One of my colleagues work in Berlin.",
        "One of my colleagues works in Berlin.",
    ),
    "CC_DEGREE_ADJECTIVE": (
        'Before an adjective, English says "too expensive" and "very happy": "much" goes with '
        'nouns and verbs ("too much work"). "Enough" follows its adjective: "good enough".',
        "The plan is too much expensive, and the draft is not enough good.",
        "The plan is too expensive, and the draft is not good enough.",
    ),
    "CC_MODAL_TO": (
        'After a modal verb ("can", "could", "will", "would", "should", "must", "may", '
        '"might") the next verb comes without "to": "I can access it". Only "have to", '
        '"need to" and "ought to" take "to".',
        "I can't to access the staging server.",
        "I can't access the staging server.",
    ),
    "CC_MODAL_AFTER_TO": (
        '"Can" and "must" have no form after "to". English uses "be able to" and "have to" '
        'instead ("I want to be able to help").',
        "I want to can speak English at work.",
        "I want to be able to speak English at work.",
    ),
    "CC_INTRO_COMMA": (
        'A linking phrase that opens a sentence ("on the other hand", "for example", "in my '
        'opinion") is followed by a comma, so the reader sees where the real sentence starts.',
        "On the other hand the old API is still in use.",
        "On the other hand, the old API is still in use.",
    ),
    "CC_COMMA_SPLICE": (
        "A comma cannot join two full sentences in written English (a comma splice). End the "
        'first one with a full stop or a semicolon, or join them with "and", "so" or "because".',
        "The build is red, we cannot deploy.",
        "The build is red, so we cannot deploy.",
    ),
    "CC_AS_AS": (
        'A comparison of equality takes "as" on both sides: "not as good as expected", "as '
        'fast as we hoped". Without the first "as" the sentence reads as broken.',
        "The progress last week was not good as expected.",
        "The progress last week was not as good as expected.",
    ),
    "CC_QUESTION_NO_AUXILIARY": (
        'A question with an ordinary verb puts "do", "does" or "did" before the subject: '
        '"What do you think?", "Why does it fail?", "What did you change?". Without it the '
        "words are in statement order and read as a statement with a question mark.",
        "Why the build fails only on CI?",
        "Why does the build fail only on CI?",
    ),
    "CC_SINCE_PRESENT": (
        '"Since" with a point in time (since Monday, since 2020) measures a period that runs up '
        'to now. English says that with the present perfect: "I have worked here since 2020", '
        '"it has been broken since yesterday", not the present tense.',
        "The staging server is down since yesterday.",
        "The staging server has been down since yesterday.",
    ),
    "CC_SINCE_DURATION": (
        '"Since" needs a starting point: "since Monday", "since 2020", "since the release". A '
        'length of time takes "for": "for two days", "for a week", "for the last two days", and '
        'a time that runs up to now takes the present perfect: "I have been blocked for two '
        'days". Many languages use one word for both ("seit", "depuis", "desde hace").',
        "I have been blocked on the VPN since two days.",
        "I have been blocked on the VPN for two days.",
    ),
    "CC_STATIVE_AFTER_BE": (
        'Verbs of opinion, knowledge and wanting ("agree", "know", "need", "understand") are '
        'full verbs in English, not adjectives, so they take no "be": "I agree", "we need more '
        'time". Their "-ing" form ("I am agreeing") does not work either.',
        "I am agree with the new deadline.",
        "I agree with the new deadline.",
    ),
    "CC_ADJECTIVE_AS_NOUN": (
        'English does not use an adjective alone as a singular noun: "the important thing is", '
        '"the most important part is", not "the important is" (as in "lo importante", "le plus '
        'important").',
        "The important is to finish the tests first.",
        "The important thing is to finish the tests first.",
    ),
    "CC_FIXED_PHRASE": (
        "Some phrases are fixed and change meaning or break with one word changed: the link "
        'word is "on the other hand", and "each other" has no plural "-s".',
        "In the other hand, the export is slow.",
        "On the other hand, the export is slow.",
    ),
    "CC_S_BASE_FORM": (
        '"It\'s" is short for "it is" (or "it has"), so a verb in its plain form cannot follow '
        'it: say "it depends on", "it works", or use "it\'s" before an -ing or -ed form '
        '("it\'s working", "it\'s fixed").',
        "It's depend on the config.",
        "It depends on the config.",
    ),
    "CC_ING_ED_ADJECTIVE": (
        '"Confusing", "boring" and "exciting" describe what causes a feeling; "confused", '
        '"bored" and "excited" describe the person who has it: "the ticket is confusing", '
        '"I am confused about the ticket".',
        "I am confusing about the ticket.",
        "I am confused about the ticket.",
    ),
    "CC_TELL_WITHOUT_PERSON": (
        '"Tell" and "inform" need the person you tell: "he told me that", "I want to inform '
        'you that". Without a person, English uses "say": "he said that the build failed".',
        "He told that the build failed.",
        "He told me that the build failed.",
    ),
    "CC_THE_NUMBERED": (
        'A label with its number works as a name: "question 13", "assignment 1", "week 3", '
        '"line 42", with no "the" (but "the week 3 demo", where a noun follows).',
        "We have to do the question 13 in assignment 1.",
        "We have to do question 13 in assignment 1.",
    ),
    "CC_COMPARISON_FORM": (
        '"Good" and "bad" compare irregularly (better, best; worse, worst). Between two things '
        'English uses the comparative ("the faster of the two"); among three or more, the '
        'superlative ("the fastest of the four").',
        "Version 3.2 is the more stable of the four builds.",
        "Version 3.2 is the most stable of the four builds.",
    ),
    "CC_DOUBLE_NEGATIVE": (
        '"Nobody", "nothing" and "no one" already make the sentence negative, so the verb stays '
        'positive: "nobody replied", "nothing works". Two negatives read as a positive, or as an '
        "error.",
        "Nobody didn't reply to my email.",
        "Nobody replied to my email.",
    ),
    "CC_TO_TOO": (
        '"Too" before an adjective means more than is wanted ("too slow", "too busy to '
        'review it"); "to" goes before a verb ("to review") or a place ("to the office").',
        "The tests are to slow for CI.",
        "The tests are too slow for CI.",
    ),
    "CC_UNCOUNTABLE_AGREEMENT": (
        '"News", "information", "advice", "feedback" and "progress" have no plural in English, '
        'so as a subject they take a singular verb: "the news is good".',
        "The news are good today.",
        "The news is good today.",
    ),
    "CC_LEND_BORROW": (
        'The owner "lends" something to someone ("can you lend me your charger?"); the person '
        'who takes it "borrows" it ("can I borrow your charger?").',
        "Can you borrow me your charger?",
        "Can you lend me your charger?",
    ),
    "CC_FIRST_TIME_PERFECT": (
        '"This is the first time" counts your experience up to now, so English uses the present '
        'perfect after it: "this is the first time I have used this tool".',
        "This is the first time I use this tool.",
        "This is the first time I have used this tool.",
    ),
    "CC_VERY_COMPARATIVE": (
        '"Very" makes an adjective stronger ("very fast"), but not a comparative: with "less", '
        '"fewer" and "more" English says "much" or "far" ("much less time").',
        "We finished it in very less time.",
        "We finished it in much less time.",
    ),
    "CC_A_NOUN_PLURAL": (
        '"A" or "an" means one, so the noun it goes with is singular, even after other nouns '
        'that describe it ("a football club fan", "a support ticket").',
        "He is a football club fans.",
        "He is a football club fan.",
    ),
    "CC_QUANTIFIER_SINGULAR": (
        '"Various", "several", "certain" and "numerous" pick from more than one thing, so the '
        "countable noun after them is plural.",
        "We need various tool for the migration.",
        "We need various tools for the migration.",
    ),
    "CC_UNTIL_BY": (
        'For a deadline English says "by Friday"; "until Friday" means the action goes on '
        'the whole time up to Friday, so "finish until Friday" confuses the reader about the '
        "date you promise.",
        "I will finish the report until Friday.",
        "I will finish the report by Friday.",
    ),
    "CC_PLURAL_AFTER_NUMBER": (
        "After a number bigger than one, English puts the noun in the plural (10 seconds, two "
        "days), even where your language does not.",
        "The page takes 10 second to load.",
        "The page takes 10 seconds to load.",
    ),
    "CC_PLURAL_AFTER_QUANTITY": (
        '"The number of" and "one of the" count or pick from several things, so the noun '
        "after them is plural.",
        "It is one of the worst bug we have seen.",
        "It is one of the worst bugs we have seen.",
    ),
    "CC_MORE_NUMBER": (
        'In English the number comes before "more": "two more days".',
        "We need more two days for the migration.",
        "We need two more days for the migration.",
    ),
    "CC_QUESTION_ORDER": (
        'A direct question puts the verb before the subject ("Why is it failing?"); a question '
        'inside a sentence keeps normal order ("I\'m not sure what the problem is").',
        "Why it is failing on CI?",
        "Why is it failing on CI?",
    ),
    "CC_SORRY_FOR_LATE": (
        '"Late" is an adjective, so "sorry for late" lacks a word: "sorry for being '
        'late", "sorry for the late reply", "sorry for the delay".',
        "Sorry for late reply, I was travelling.",
        "Sorry for the late reply, I was travelling.",
    ),
    "CC_MISSING_SUBJECT": (
        'An English sentence needs a subject, even when it is obvious: "It is working now". '
        "Languages that drop the subject make this easy to forget.",
        "Is working now.",
        "It is working now.",
    ),
    "CC_VERB_PATTERN": (
        'Some verbs take a fixed pattern: "let me know" and "made me think" without '
        '"to"; "suggest" takes -ing or "that", not a person + "to".',
        "Please let me to know when the review is done.",
        "Please let me know when the review is done.",
    ),
    "CC_UNCOUNTABLE": (
        "Feedback, information and advice are uncountable in English: no plural and no "
        '"a" ("some feedback", "a piece of advice").',
        "Thanks for the feedbacks on my design doc.",
        "Thanks for the feedback on my design doc.",
    ),
    "CC_ITS_ITS": (
        '"Its" means belonging to it ("its logs"); "it\'s" is short for "it is" or '
        '"it has". They sound the same, so spell-checkers miss the swap.',
        "Sorry, its not ready yet.",
        "Sorry, it's not ready yet.",
    ),
    "CC_UNCOUNTABLE_ARTICLE": (
        'Information, feedback and advice are uncountable: they take "some" or "the", '
        'never "a"; for one item say "a piece of advice".',
        "I need an information about the deadline.",
        "I need some information about the deadline.",
    ),
    "CC_THERE_THEIR": (
        '"There" is a place, "their" means belonging to them, "they\'re" is "they '
        'are"; they sound alike, so spell-checkers let the wrong one through.',
        "The vendor replied. There working on a fix.",
        "The vendor replied. They're working on a fix.",
    ),
    "CC_UNCOUNTABLE_DETERMINER": (
        'Evidence, feedback and research are uncountable: "these", "many" and "several" '
        'count things, so use "this", "a lot of" or "some" instead.',
        "Thanks, I got many feedback on the draft.",
        "Thanks, I got a lot of feedback on the draft.",
    ),
    "CC_CAPITAL_AFTER_COMMA": (
        "A comma does not end the sentence, so the word after it keeps its small letter; "
        "a capital there reads like a new sentence glued on.",
        "However, The release moves to Friday.",
        "However, the release moves to Friday.",
    ),
    "CC_NUMBER_RANGE_HYPHEN": (
        'A hyphen between two spelled numbers makes one number ("twenty-three"); a range '
        'takes "to" or "or", or digits with a dash ("2-3 days").',
        "The fix will take two-three days.",
        "The fix will take two to three days.",
    ),
    "CC_SUBORDINATOR_BASE_FORM": (
        'After "before", "after", "when" or "while", a verb needs a subject ("before I '
        'leave") or the -ing form ("before leaving"); the bare form reads as broken.',
        "Run the tests before deploy the new version.",
        "Run the tests before deploying the new version.",
    ),
    "CC_TIME_PREPOSITION": (
        'English puts "at" before a clock time ("at 9:30", "at 10am"), "on" before a day '
        '("on Monday"), "in" before a month or a year ("in May") and "for" before a length of '
        'time ("for two hours").',
        "Our stand-up starts on 9:30 every day.",
        "Our stand-up starts at 9:30 every day.",
    ),
    "CC_POSSESSIVE_PRONOUN": (
        '"My", "your", "our" and "their" need a noun after them ("my laptop"); with no noun, '
        'English uses "mine", "yours", "ours" and "theirs".',
        "This laptop is my, not Daniel's.",
        "This laptop is mine, not Daniel's.",
    ),
    "CC_FALSE_FRIEND": (
        "Some English words look like a word in another language but mean something else: "
        '"control" means to command or limit (looking over work is "review" or "check"), '
        '"become" means to start to be (being given something is "get" or "receive"), '
        '"actual" means real (what is true now is "current"), "revert" means go back (a reply '
        'is "reply"); a question is "asked", a course is "done", a camera "turned on".',
        "Can you control my PR? I became the review comments this morning.",
        "Can you review my PR? I got the review comments this morning.",
    ),
    "CC_INTRANSITIVE_PASSIVE": (
        'Verbs such as "happen", "occur", "appear" and "disappear" take no object, so they have '
        'no passive: something "happened", it never "was happened".',
        "This bug was happened after the upgrade.",
        "This bug happened after the upgrade.",
    ),
    "CC_CONDITIONAL": (
        'A condition you only imagine takes "were" for every person: "if I were you", "if she '
        'were here"; one about a past that did not happen takes "had": "if you had told me '
        'earlier, I could have fixed it".',
        "I would ask for a raise if I am you.",
        "I would ask for a raise if I were you.",
    ),
    "CC_ADJECTIVE_FOR_ADVERB": (
        'How someone does something is said with an adverb ("explained it clearly", "fixed it '
        'quickly", "did it well"); the adjective describes a thing ("a clear explanation").',
        "She explained the architecture very clear.",
        "She explained the architecture very clearly.",
    ),
    "CC_VERB_FOR_NOUN": (
        'After "a", "the", "my" or an adjective, English needs a noun; many verbs have their '
        'own noun form ("decide" / "a decision", "explain" / "an explanation").',
        "We need to make a decide by Thursday.",
        "We need to make a decision by Thursday.",
    ),
    "CC_FUL_ADJECTIVE": (
        'After "very" or "so", English needs an adjective: the noun "help" becomes "helpful", '
        '"success" becomes "successful".',
        "Your review was very help.",
        "Your review was very helpful.",
    ),
    "CC_HOW_LONG_PERFECT": (
        '"How long" about a time that started in the past and goes on now takes the present '
        'perfect: "How long have you worked here?" ("How long do you work?" asks about a '
        "usual day).",
        "How long do you work here?",
        "How long have you worked here?",
    ),
    "CC_WORD_ORDER": (
        'English keeps the verb and its object together: "very much" comes after the object '
        '("I like this framework very much"), or "really" goes before the verb.',
        "I like very much this framework.",
        "I really like this framework.",
    ),
    "CC_NOUN_FOR_VERB": (
        'Some nouns and verbs differ by one letter: "advice" is the noun ("some advice"), '
        '"advise" is the verb ("can you advise me?").',
        "Can you advice me on this?",
        "Can you advise me on this?",
    ),
}
"""Why / weak / better for each family of commcoach's own LanguageTool rules
(grammar_custom.xml; keyed by rule or rulegroup id)."""
GENERIC = (
    "LanguageTool thinks this could be improved; readers notice small slips in written "
    "messages more than in speech.",
    "",
    "",
)


def category_for(category_id: str, issue_type: str, spelling: bool) -> Category:
    """Our report category for a LanguageTool category / issue type."""
    if category_id == LEARNER_CATEGORY:
        return Category.GRAMMAR
    if spelling or category_id == "CASING":
        # Capital letters are orthography: a learner fixes them like a spelling slip.
        return Category.SPELLING
    if category_id == "PUNCTUATION":
        return Category.GRAMMAR
    if category_id in {"REDUNDANCY", "PLAIN_ENGLISH"}:
        return Category.CLARITY
    style_like = {
        "STYLE",
        "TYPOGRAPHY",
        "REPETITIONS_STYLE",
        "WIKIPEDIA",
        "CREATIVE_WRITING",
        "TEXT_ANALYSIS",
        "AMERICAN_ENGLISH",
        "BRITISH_ENGLISH",
    }
    if category_id in style_like or issue_type in {
        "style",
        "typographical",
        "whitespace",
        "register",
    }:
        return Category.STYLE
    return Category.GRAMMAR


def severity_for(category_id: str, issue_type: str, spelling: bool) -> Severity:
    """Spelling and grammar errors are errors; punctuation and usage warnings; style hints."""
    if spelling or category_id in {"GRAMMAR", "CONFUSED_WORDS", LEARNER_CATEGORY}:
        return Severity.ERROR
    if issue_type in {"grammar", "misspelling", "duplication"}:
        return Severity.ERROR
    if category_for(category_id, issue_type, spelling) in {Category.STYLE, Category.CLARITY}:
        return Severity.SUGGESTION
    return Severity.WARNING


def _text(category_id: str, rule_id: str) -> tuple[str, str, str]:
    """Our own rule family's text first, then the category's, then the generic one."""
    if rule_id in LEARNER_TEXT:
        return LEARNER_TEXT[rule_id]
    return CATEGORY_TEXT.get(category_id, GENERIC)


def why_for(category_id: str, message: str, rule_id: str = "") -> str:
    """The family's or category's reason, then LanguageTool's specific message."""
    why = _text(category_id, rule_id)[0]
    return f"{why} Here: {message}" if message else why


def examples_for(category_id: str, rule_id: str = "") -> tuple[str, str]:
    """A (weak, better) pair for the rule family or category."""
    _, weak, better = _text(category_id, rule_id)
    return weak, better
