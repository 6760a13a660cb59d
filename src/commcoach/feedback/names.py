"""Plain names for findings: what a learner reads instead of a rule id.

Every finding, drill and statistic shows a habit's name and a one-line lesson
("Vague time: 'soon', 'later': give a day or a time"); the rule id appears only in JSON and in
detail views. One habit has one name even when two channels find it: LanguageTool's
INDIAN_ENGLISH and our `clarity.do_the_needful` are the same habit, and so are its article and
agreement rules and ours (`HABIT_OF`). Statistics group by `Habit.key`, lists drop the second
finding of one habit on the same words (`merge_findings`).

LanguageTool rules have no learner-facing name in what a Finding keeps (the id, our category and
LanguageTool's one-line message), so for them the name comes from a table of the rules learners
meet most, else from the words of the id ("COMMA" -> "Commas"), else from the category; the
lesson is then LanguageTool's own message. Headless: the CLI uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # only for types: the CLI imports this module for `--help`, keep it light
    from commcoach.feedback.report import Finding


@dataclass(frozen=True)
class Habit:
    """A writing habit as a learner sees it."""

    key: str
    """What statistics group by: the id of the habit's main rule."""
    name: str
    """Two or three words, capitalised: 'Vague time'."""
    lesson: str
    """One short line: what to look for and what to do instead."""

    @property
    def line(self) -> str:
        """`Vague time: 'soon', 'later': give a day or a time`."""
        return f"{self.name}: {self.lesson}"


_OURS: dict[str, tuple[str, str]] = {
    # clarity
    "clarity.asap": ("ASAP without a time", "'ASAP' alone: say when you need it and why"),
    "clarity.do_the_same": ("'The same' as a pronoun", "name the thing: 'it', 'the report'"),
    "clarity.double_negative": ("Double negative", "'not ... nothing': two negatives cancel"),
    "clarity.having_a_doubt": ("'I have a doubt'", "for a question, write 'I have a question'"),
    "clarity.question_without_mark": ("Question without '?'", "end a question with '?'"),
    "clarity.revert_reply": ("'Revert' for 'reply'", "'revert' means undo; write 'reply'"),
    "clarity.time_zone": ("Time without a time zone", "'3 pm' for whom? add the zone"),
    "clarity.vague_quantity": ("Vague quantity", "'some', 'a few': give the number"),
    "clarity.vague_time": ("Vague time", "'soon', 'later': give a day or a time"),
    "clarity.vague_words": ("Vague words", "'stuff', 'things': name what you mean"),
    "clarity.regional_english": (
        "Regional phrase",
        "'do the needful', 'prepone': use words every colleague knows",
    ),
    # grammar (ours)
    "grammar.able_to": ("'Can be able to'", "say 'can' or 'will be able to', not both"),
    "grammar.although_but": ("'Although ... but'", "keep one of the two"),
    "grammar.article_before_adjective_noun": ("Articles (a, an, the)", "'an important step'"),
    "grammar.article_uncountable": ("'An' before an uncountable noun", "'some advice'"),
    "grammar.be_with_verb": ("'Am/is' with a verb", "'I agree', not 'I am agree'"),
    "grammar.double_comparative": ("Double comparative", "'faster', not 'more faster'"),
    "grammar.everyday_adverb": ("'Everyday' vs 'every day'", "adverb: 'every day'"),
    "grammar.fixed_expressions": ("Fixed expression", "English says it another way"),
    "grammar.gerund_after_verb": ("-ing after a verb", "'enjoy working', 'suggest testing'"),
    "grammar.make_let_to": ("'Make/let ... to'", "'let me know', not 'let me to know'"),
    "grammar.modal_be_verb": ("'Will be' + verb", "'will decrease', or 'will be fixed'"),
    "grammar.most_of": ("'Most of people'", "'most people' or 'most of the people'"),
    "grammar.past_time_tense": ("Tense with a past time", "'yesterday I fixed', not 'fix'"),
    "grammar.people_agreement": ("Subject-verb agreement", "'people are', 'the team is'"),
    "grammar.plural_after_number": ("Plural after a number", "'3 days', not '3 day'"),
    "grammar.preposition_after_verb": ("Extra preposition", "'discuss it', not 'discuss about'"),
    "grammar.since_for": ("'Since' vs 'for'", "'for 3 days', 'since Monday'"),
    "grammar.there_is_plural": ("'There is' + plural", "'there are two bugs'"),
    "grammar.third_person_verb": ("Verb agreement (he/she/it)", "'it works', 'she has'"),
    "grammar.uncountable_plural": ("Plural of an uncountable noun", "'feedback', not 'feedbacks'"),
    "grammar.verb_after_modal": ("Verb after can/will/did", "'didn't fix', 'can merge'"),
    # readability
    "readability.long_message": ("Long chat message", "shorten it, or send an email"),
    "readability.long_paragraph": ("Long paragraph", "break it after about 60 words"),
    "readability.long_sentence": ("Long sentence", "split it into two"),
    "readability.many_ands": ("Too many 'and's", "split the sentence"),
    "readability.hard_sentence": ("Hard sentence", "shorter words, shorter sentences"),
    # structure
    "structure.buried_request": ("Buried request", "put your ask in the first two sentences"),
    "structure.greeting_only": ("Greeting alone", "say hello and ask in the same message"),
    "structure.missing_greeting": ("Missing greeting", "start formal mail with 'Dear ...,'"),
    "structure.missing_signoff": ("Missing sign-off", "end with 'Best regards,' and your name"),
    "structure.too_many_questions": ("Many questions", "number them so none gets lost"),
    # style
    "style.as_per": ("'As per'", "stiff: write 'as' or 'according to'"),
    "style.extra_preposition": ("Extra word", "English needs no extra preposition here"),
    "style.filler": ("Filler words", "'basically', 'actually': cut them"),
    "style.hedging": ("Hedging", "'I think maybe': say what you know"),
    "style.hidden_actor": ("Hidden actor", "'mistakes were made': say who did it"),
    "style.hope_you_are_fine": ("'Hope you are fine'", "write 'I hope you are well'"),
    "style.inform_you": ("'I want to inform you'", "start with the news itself"),
    "style.just": ("'Just'", "'just wanted to ask': drop 'just'"),
    "style.please_find_attached": ("'Please find attached'", "write 'I've attached ...'"),
    "style.redundancy": ("Redundancy", "'revert back': say it once"),
    "style.request_passive": ("Passive request", "'you are requested': ask the person"),
    "style.softeners": ("Softeners", "'sort of', 'kind of': be specific"),
    "style.try_to": ("'Try to'", "commit, or say what might stop you"),
    "style.weak_opener": ("Weak opener", "start with the point"),
    "style.wordy": ("Wordy phrase", "'in order to' -> 'to'"),
    # tone
    "tone.all_caps": ("All caps", "capitals read as shouting"),
    "tone.allowlist": ("Whitelist/blacklist", "write 'allowlist', 'blocklist'"),
    "tone.blaming": ("Blaming", "describe what happened, not who"),
    "tone.condescending": ("Condescending word", "'obviously', 'simply': cut it"),
    "tone.demanding": ("Demanding", "ask: 'Could you ...?'"),
    "tone.dummy_value": ("'Dummy'", "write 'placeholder' or 'sample'"),
    "tone.emoji_formal": ("Emoji in a formal message", "leave them out"),
    "tone.exclamation_overuse": ("Too many '!'", "one per message at most"),
    "tone.guys": ("'Guys'", "write 'everyone', 'team'"),
    "tone.hi_dear": ("'Hi dear'", "write 'Hi' and the name"),
    "tone.kindly": ("'Kindly'", "write 'please'"),
    "tone.manpower": ("'Manpower'", "write 'people', 'staff'"),
    "tone.master_slave": ("Master/slave", "write 'primary/replica'"),
    "tone.over_apology": ("Over-apologising", "one 'sorry', then the fix"),
    "tone.passive_aggressive": ("Passive-aggressive", "'as I said': restate plainly"),
    "tone.repeated_punctuation": ("'!!!' or '???'", "one mark is enough"),
    "tone.respected_sir": ("'Respected Sir'", "write 'Dear Mr ...' or 'Hello ...'"),
    "tone.sanity_check": ("'Sanity check'", "write 'quick check'"),
    "tone.sir_madam": ("'Sir' with a colleague", "use their name"),
    "tone.slang": ("Slang", "'gonna', 'wanna': write it out"),
    "tone.sorry_for_inconvenience": ("Stock apology", "say what the problem was"),
    "tone.sorry_to_bother": ("'Sorry to bother you'", "thank them instead"),
    "tone.text_speak": ("Text speak", "'pls', 'u': write the words"),
    "tone.you_must_send": ("'You must send'", "'Could you send me ...?'"),
}
"""Our style rules (one per YAML file), by rule id: (name, lesson)."""

_LANGUAGETOOL: dict[str, tuple[str, str]] = {
    "grammar.EN_A_VS_AN": ("'A' vs 'an'", "'an hour', 'a user'"),
    "grammar.UPPERCASE_SENTENCE_START": ("Capital at the start", "start a sentence with a capital"),
    "grammar.I_LOWERCASE": ("Lower-case 'i'", "write 'I'"),
    "grammar.ENGLISH_WORD_REPEAT_RULE": ("Repeated word", "'the the': delete one"),
    "grammar.ENGLISH_WORD_REPEAT_BEGINNING_RULE": (
        "Same first word",
        "vary how your sentences start",
    ),
    "grammar.WHITESPACE_RULE": ("Extra space", "one space between words"),
    "grammar.COMMA_PARENTHESIS_WHITESPACE": ("Space before a comma", "'done, merged'"),
    "grammar.DOUBLE_PUNCTUATION": ("Double punctuation", "one mark is enough"),
    "grammar.EN_QUOTES": ("Quote marks", "straight or curly, not mixed"),
    "grammar.UH_UH_COMMA": ("Comma in an exclamation", "'oh, oh' takes a comma"),
    "grammar.DT_DT": ("Two articles", "'the a': keep one"),
    "grammar.IT_IS": ("'Its' vs 'it's'", "'it's' = it is"),
    "grammar.CD_NN": ("Plural after a number", "'3 days', not '3 day'"),
    "grammar.PRP_VBG": ("Missing 'is/are'", "'he is going'"),
    "grammar.COMMA_COMPOUND_SENTENCE": ("Comma between clauses", "'..., and ...'"),
    "grammar.MISSING_COMMA_AFTER_INTRODUCTORY_PHRASE": ("Comma after an opening", "'Today, ...'"),
    "grammar.THANKS_SENT_END_COMMA": ("Comma before 'thanks'", "'OK, thanks'"),
    "grammar.SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA": (
        "Comma after 'However'",
        "'However, ...'",
    ),
    "grammar.EN_CONTRACTION_SPELLING": ("Contraction", "'don't', 'isn't' need the apostrophe"),
    "grammar.EN_COMPOUNDS": ("Compound word", "one word, two words or a hyphen"),
    "grammar.PLEASE_COMMA": ("Comma after 'please'", "no comma needed"),
    "grammar.ALL_OF_THE": ("'All of the'", "'all the' is enough"),
}
"""LanguageTool rules learners meet most that are not the same habit as one of ours."""

HABIT_OF: dict[str, str] = {
    "grammar.INDIAN_ENGLISH": "clarity.regional_english",
    "clarity.do_the_needful": "clarity.regional_english",
    "clarity.prepone": "clarity.regional_english",
    "grammar.EN_A_VS_AN_SPELLING": "grammar.EN_A_VS_AN",
    "grammar.HE_VERB_AGR": "grammar.third_person_verb",
    "grammar.NON3PRS_VERB": "grammar.third_person_verb",
    "grammar.MD_BASEFORM": "grammar.verb_after_modal",
    "grammar.DID_BASEFORM": "grammar.verb_after_modal",
    "grammar.CD_NN": "grammar.plural_after_number",
    "grammar.ENGLISH_WORD_REPEAT_RULE": "grammar.ENGLISH_WORD_REPEAT_RULE",
    "grammar.IT_IS": "grammar.IT_IS",
    # LanguageTool's own rules for a preposition English does not take: one slip, one finding
    "grammar.MENTION_ABOUT": "style.extra_preposition",  # discuss/mention about
    "grammar.COMPRISED_OF": "style.extra_preposition",  # comprise(s) of
    "grammar.EXPLAIN_TO": "style.extra_preposition",  # explain me
    # ... and for a set phrase said another way
    "grammar.ACCORDING_TO_ME": "grammar.fixed_expressions",
    "grammar.DESPITE_OF": "grammar.fixed_expressions",
    "grammar.QUESTION_MARK": "clarity.question_without_mark",
}
"""Rule ids that are one habit: id -> the habit's key (an id in `_OURS` or `_LANGUAGETOOL`)."""

_ID_WORDS: tuple[tuple[str, str], ...] = (
    ("MORFOLOGIK", "Spelling"),
    ("SPELL", "Spelling"),
    ("COMMA", "Commas"),
    ("WHITESPACE", "Spacing"),
    ("SPACE", "Spacing"),
    ("QUOTE", "Quote marks"),
    ("APOS", "Apostrophes"),
    ("PUNCT", "Punctuation"),
    ("UPPERCASE", "Capital letters"),
    ("LOWERCASE", "Capital letters"),
    ("CASE", "Capital letters"),
    ("REPEAT", "Repeated words"),
    ("AGREEMENT", "Agreement"),
    ("AGR", "Agreement"),
    ("A_VS_AN", "'A' vs 'an'"),
    ("ARTICLE", "Articles (a, an, the)"),
    ("PREP", "Prepositions"),
    ("TENSE", "Verb tense"),
    ("PLURAL", "Singular or plural"),
    ("CONFUS", "Confused words"),
    ("_VS_", "Confused words"),
    ("REDUNDAN", "Redundancy"),
    ("WORDINESS", "Wordy phrase"),
    ("DATE", "Date check"),
    ("BRITISH", "British vs American spelling"),
    ("AMERICAN", "British vs American spelling"),
)
"""Words in LanguageTool rule ids and the name of the habit they are about (first match wins)."""

_LEARNER_RULES: dict[str, tuple[str, str]] = {
    "CC_PERFECT_PAST_TIME": ("Tense with a finished time", "'yesterday I fixed', not 'have fixed'"),
    "CC_PERFECT_PAST_TIME_NOUN": (
        "Tense with a finished time",
        "'yesterday I fixed', not 'have fixed'",
    ),
    "CC_PAST_TIME_BASE_FORM": ("Past form after a past time", "'last week we started'"),
    "CC_HAVE_PAST_FORM": ("'Have' + past form", "'have done' or 'did', never 'have did'"),
    "CC_AGREEMENT_INDEFINITE": (
        "Verb after 'everyone' or 'nobody'",
        "'nobody answers', 'each of them has'",
    ),
    "CC_AGREEMENT_DONT": ("'It don't'", "with he, she, it: 'doesn't'"),
    "CC_AGREEMENT_PEOPLE": ("Verb after 'people'", "'people are', not 'people is'"),
    "CC_AGREEMENT_SINGULAR_NOUN": ("Verb after a singular noun", "'the user has', 'it works'"),
    "CC_AGREEMENT_PLURAL_NOUN": ("Verb after a plural noun", "'the tests are', 'all have'"),
    "CC_AGREEMENT_RELATIVE": ("Verb after 'who'", "'someone who knows', 'people who know'"),
    "CC_MISSING_DETERMINER": ("Missing 'the' or 'a'", "'I fixed the bug', not 'fixed bug'"),
    "CC_DO_MAKE": ("'Make', not 'do'", "'make a change', 'make a decision'"),
    "CC_AGREEMENT_HEAD_OF": ("Verb after 'the number of'", "'the number of tests is'"),
    "CC_FELL_FEEL": ("'Feel', not 'fell'", "'users may feel confused'"),
    "CC_PREPOSITION": ("Wrong preposition", "'access to', 'depend on', 'discuss it'"),
    "CC_STATIVE_PROGRESSIVE": ("'-ing' with a state verb", "'I have access', not 'am having'"),
    "CC_UNTIL_BY": ("'Until' for a deadline", "'finish by Friday'; 'until' is for how long"),
    "CC_BE_BASE_FORM": ("'Be' + base form", "'are making' or 'make', not 'are make'"),
    "CC_UNTIL_NOW_PRESENT": ("Tense after 'until now'", "'until now I have tried'"),
    "CC_FUTURE_IN_TIME_CLAUSE": ("'Will' after 'as soon as' or 'if'", "'as soon as I arrive'"),
    "CC_BECAUSE_SO": (
        "'Because ..., so' / 'Although ..., but'",
        "'Because it was late, we stopped'",
    ),
    "CC_VERY_VERB": ("'Very' + verb", "'I really like it', not 'I very like it'"),
    "CC_THERE_HAVE": ("'There have'", "'there are many', 'there is a bug'"),
    "CC_OTHER_PLURAL": ("'Others' or 'much' before a plural", "'other teams', 'many meetings'"),
    "CC_ARTICLE_NO_NOUN": ("'A' with no noun", "'it is very important'"),
    "CC_SUBJECT_COPY": ("Subject said twice", "'My manager said', not 'my manager he said'"),
    "CC_AGREEMENT_ONE_OF": ("Verb after 'one of'", "'one of the tests fails'"),
    "CC_DEGREE_ADJECTIVE": (
        "'Too much' or 'enough' with an adjective",
        "'too expensive', 'good enough'",
    ),
    "CC_MODAL_TO": ("'To' after a modal verb", "'I can access', not 'I can to access'"),
    "CC_BECAUSE_OF_CLAUSE": ("'Because of' before a clause", "'because the manager is sick'"),
    "CC_MODAL_AFTER_TO": ("'To can'", "'to be able to', 'to have to'"),
    "CC_INTRO_COMMA": ("Comma after an opening phrase", "'For example, the login fails'"),
    "CC_COMMA_SPLICE": ("Comma between two sentences", "'The build is red, so we wait'"),
    "CC_AS_AS": ("'As ... as'", "'not as good as expected'"),
    "CC_QUESTION_NO_AUXILIARY": ("Question without 'do'", "'What do you think?'"),
    "CC_SINCE_PRESENT": ("Tense with 'since'", "'I have worked here since 2020'"),
    "CC_SINCE_DURATION": ("'For' with a length of time", "'for two days', 'since Monday'"),
    "CC_STATIVE_AFTER_BE": ("'Be' before 'agree'", "'I agree', not 'I am agree'"),
    "CC_ADJECTIVE_AS_NOUN": ("Adjective without a noun", "'The important thing is'"),
    "CC_FIXED_PHRASE": ("Fixed phrase", "'on the other hand', 'each other'"),
    "CC_S_BASE_FORM": ("'It's' + verb", "'It depends on', not 'It's depend'"),
    "CC_ING_ED_ADJECTIVE": ("'-ed' or '-ing' for a feeling", "'I am confused', 'it is confusing'"),
    "CC_TELL_WITHOUT_PERSON": ("'Tell' needs a person", "'He told me that', 'he said that'"),
    "CC_THE_NUMBERED": ("'The' before a number label", "'question 13', 'assignment 1'"),
    "CC_COMPARISON_FORM": (
        "Comparative or superlative",
        "'the worst', 'the most stable of the four'",
    ),
    "CC_DOUBLE_NEGATIVE": ("Two negatives", "'Nobody replied', not 'Nobody didn't reply'"),
    "CC_TO_TOO": ("'To' for 'too'", "'too slow', 'too busy to reply'"),
    "CC_UNCOUNTABLE_AGREEMENT": ("Verb after 'news'", "'the news is', 'the feedback was'"),
    "CC_LEND_BORROW": ("'Lend' / 'borrow'", "'Can you lend me ...?', 'Can I borrow ...?'"),
    "CC_FIRST_TIME_PERFECT": ("Tense after 'the first time'", "'the first time I have used it'"),
    "CC_VERY_COMPARATIVE": ("'Very' + comparative", "'much less time', not 'very less'"),
    "CC_A_NOUN_PLURAL": ("Plural after 'a'", "'a football club fan', not 'fans'"),
    "CC_QUANTIFIER_SINGULAR": ("Plural after 'several'", "'several bugs', 'various tools'"),
    "CC_PLURAL_AFTER_NUMBER": ("Plural after a number", "'10 seconds', 'two bugs'"),
    "CC_PLURAL_AFTER_QUANTITY": ("Plural after 'one of the'", "'one of the tests', 'each of them'"),
    "CC_MORE_NUMBER": ("'More two days'", "'two more days', 'more than two days'"),
    "CC_QUESTION_ORDER": ("Question word order", "'Which export is it?', 'I wonder what it is'"),
    "CC_SORRY_FOR_LATE": ("'Sorry for late'", "'sorry I'm late' or 'sorry for the delay'"),
    "CC_MISSING_SUBJECT": ("Missing subject", "'It is working now', not 'Is working now'"),
    "CC_VERB_PATTERN": ("Verb pattern", "'let me know', 'suggest that I use'"),
    "CC_UNCOUNTABLE": ("Uncountable noun", "'feedback', 'information': no -s"),
    "CC_UNCOUNTABLE_ARTICLE": ("'A' before an uncountable noun", "'some advice', not 'an advice'"),
    "CC_ITS_ITS": ("'Its' vs 'it's'", "'it's' = it is; 'its' = belonging to it"),
    "CC_THERE_THEIR": ("'There' vs 'their'", "'their API', 'there is', 'they're ready'"),
    "CC_UNCOUNTABLE_DETERMINER": ("'Many' with an uncountable noun", "'a lot of feedback'"),
    "CC_CAPITAL_AFTER_COMMA": ("Capital after a comma", "'However, the build ...'"),
    "CC_NUMBER_RANGE_HYPHEN": ("Number range", "'two to three days'"),
    "CC_SUBORDINATOR_BASE_FORM": ("'before' + -ing", "'before leaving', 'after finishing'"),
    "CC_TIME_PREPOSITION": ("Preposition of time", "'at 9:30', 'in March', 'for two hours'"),
    "CC_POSSESSIVE_PRONOUN": ("'Mine', 'yours'", "'the laptop is mine', not 'is my'"),
    "CC_FALSE_FRIEND": ("Word from another language", "'review my PR', 'I got the review'"),
    "CC_INTRANSITIVE_PASSIVE": ("Passive of 'happen'", "'it happened', not 'it was happened'"),
    "CC_CONDITIONAL": ("Conditional", "'if I were you', 'if you had told me'"),
    "CC_ADJECTIVE_FOR_ADVERB": ("Adjective for an adverb", "'explained it clearly', 'did it well'"),
    "CC_VERB_FOR_NOUN": ("Verb for a noun", "'make a decision', not 'a decide'"),
    "CC_FUL_ADJECTIVE": ("Noun for an adjective", "'very helpful', not 'very help'"),
    "CC_HOW_LONG_PERFECT": ("Tense after 'How long'", "'How long have you worked here?'"),
    "CC_WORD_ORDER": ("Word order", "'I really like this', 'I like this very much'"),
    "CC_NOUN_FOR_VERB": ("Noun for a verb", "'Can you advise me?', not 'advice me'"),
}
"""Our LanguageTool learner rules (grammar_custom.xml), one plain name per family."""

_CATEGORY_NAME: dict[str, tuple[str, str]] = {
    "spelling": ("Spelling", "a word the dictionary does not know"),
    "grammar": ("Grammar slip", "a form or word order English does not use"),
    "style": ("Style", "there is a plainer way to say it"),
    "clarity": ("Clarity", "say exactly what you mean"),
    "tone": ("Tone", "how it may sound to the reader"),
    "structure": ("Structure", "where things go in the message"),
    "readability": ("Readability", "shorter sentences, plainer words"),
}
"""The last resort, by finding category."""

_MAX_LESSON = 70


@lru_cache(maxsize=4096)
def habit_for(rule_id: str, category: str = "", message: str = "") -> Habit:
    """The habit a rule id is about: its plain name and one-line lesson (never the id)."""
    source, _, local = rule_id.partition(".")
    # A LanguageTool id is filed under grammar. or spelling. by its category (I_LOWERCASE can
    # be either): look it up under both, so one rule has one name whatever the channel said.
    candidates = [rule_id]
    if local.isupper():
        candidates += [f"grammar.{local}", f"spelling.{local}"]
    for candidate in candidates:
        key = HABIT_OF.get(candidate, candidate)
        known = (
            _OURS.get(key) or _LANGUAGETOOL.get(key) or _LEARNER_RULES.get(key.partition(".")[2])
        )
        if known is not None:
            return Habit(key, *known)
    key = HABIT_OF.get(rule_id, rule_id)
    if source == "rubric":  # the message is "Missing: <the element's label>."
        said = message.strip().rstrip(".")
        part = said.removeprefix("Missing:").strip() or local.replace("_", " ").replace("-", " ")
        return Habit(
            rule_id,
            f"Missing: {part[:1].lower()}{part[1:]}",
            "a reader of this kind of message looks for it",
        )
    lesson = _first_sentence(message)
    if local.isupper() or source == "spelling":  # a LanguageTool id
        name = next((n for word, n in _ID_WORDS if word in local), "")
        if source == "spelling":
            name = "Spelling"
        if name:
            generic = _CATEGORY_NAME.get(category or source, ("", "check this spot"))[1]
            return Habit(key, name, lesson or generic)
    if local and not local.isupper():  # one of our rules missing from the table
        name = local.replace("_", " ")
        return Habit(key, name[0].upper() + name[1:], lesson or _category(category or source)[1])
    fallback = _category(category or source)
    return Habit(key, fallback[0], lesson or fallback[1])


def _category(category: str) -> tuple[str, str]:
    return _CATEGORY_NAME.get(category, ("Writing", "look at this spot again"))


def _first_sentence(message: str) -> str:
    """A message's first sentence, short enough for one line ('…' when cut)."""
    text = " ".join(message.split())
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    sentence = (match.group(1) if match else text).rstrip(".")
    if len(sentence) > _MAX_LESSON:
        sentence = sentence[: _MAX_LESSON - 1].rstrip() + "…"
    return sentence


def habit_name(rule_id: str, category: str = "") -> Habit:
    """The habit of a rule id alone (statistics, drills): no finding message to draw on."""
    return habit_for(rule_id, category)


def finding_habit(finding: Finding) -> Habit:
    """The habit of one finding (LanguageTool's message is the lesson of unnamed rules)."""
    return habit_for(finding.rule_id, finding.category.value, finding.message)


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """Drop a finding when an earlier one is the same habit on overlapping words.

    Two channels often flag one slip (LanguageTool's INDIAN_ENGLISH and our do_the_needful on
    'do the needful'): the learner sees it once. Our own rule is kept when both fire, because
    its explanation is written for learners; otherwise the first one in the list.
    """
    kept: list[Finding] = []
    kept_by_habit: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: f.source == "languagetool"):
        same_habit = kept_by_habit.setdefault(finding_habit(finding).key, [])
        if any(
            other.start < max(finding.end, finding.start + 1)
            and finding.start < max(other.end, other.start + 1)
            for other in same_habit
        ):
            continue
        same_habit.append(finding)
        kept.append(finding)
    order = {id(f): i for i, f in enumerate(findings)}
    return sorted(kept, key=lambda f: order[id(f)])


FREQUENT_FINDINGS_DAYS = 30
"""The period of "Most frequent findings", in the CLI (`history stats`) and the app alike."""
HABITS_THIS_WEEK_DAYS = 7
"""Home's "your top 3 habits this week"."""


class _RuleCount(Protocol):
    """What `HistoryStore.top_rule_ids` returns per rule (read-only)."""

    @property
    def rule_id(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def findings(self) -> int: ...
    @property
    def attempts(self) -> int: ...


@dataclass(frozen=True)
class HabitCount:
    """How often one habit showed over a period, over all the rule ids that find it
    (`findings` like `attempts`: the largest count among the ids)."""

    habit: Habit
    rule_ids: tuple[str, ...]
    """Most frequent first: the ids whose findings make up the counts."""
    findings: int
    attempts: int
    """The largest count among the ids: one slip flagged by two channels is stored twice, so
    a sum would count it twice (this is a lower bound when the channels flag different slips)."""


def top_habits(counts: Iterable[_RuleCount], limit: int = 10) -> list[HabitCount]:
    """Rule counts grouped into habits (one name, one line), most frequent first.

    Rules we have no name for fall back to their category's name ('Grammar slip'); they are
    one habit together, so the list never shows 'Grammar slip' twice, and their counts add up
    (they are different slips, unlike one slip that two channels flag)."""
    groups: dict[str, list[_RuleCount]] = {}
    habits: dict[str, Habit] = {}
    fallback = {name for name, _ in _CATEGORY_NAME.values()}
    for count in counts:
        habit = habit_name(count.rule_id, count.category)
        key = f"unnamed:{habit.name}" if habit.name in fallback else habit.key
        habits.setdefault(key, habit)
        groups.setdefault(key, []).append(count)
    merged = []
    for key, group in groups.items():
        total = sum if key.startswith("unnamed:") else max
        merged.append(
            HabitCount(
                habits[key],
                tuple(c.rule_id for c in sorted(group, key=lambda c: -c.findings)),
                total(c.findings for c in group),
                total(c.attempts for c in group),
            )
        )
    merged.sort(key=lambda h: (-h.findings, -h.attempts, h.habit.name))
    return merged[:limit]
