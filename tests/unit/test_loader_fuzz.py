"""Random and mutated scenario documents: each loads or gives one line, never a traceback, and
what loads is terminal-safe. Example counts are bounded so the file runs in about ten seconds
(it took two minutes at 4,800 examples; hypothesis's database keeps the failures it finds)."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commcoach.errors import ScenarioError
from commcoach.scenarios import parse_scenario

VALID_DOC = yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "valid-scenario.yaml").read_text(encoding="utf-8")
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["question", "blocker", "end", "update", "done", "x"]),
    st.sampled_from(["\x1b]52;c;UFdORUQ=\x07", "[@click=app.quit]", "[/]", "\x9b2J", "\u202e"]),
    st.sampled_from([{"regex": r"(a+)+$"}, {"regex": r"(\w+\s?)*$"}, {"any": [{"any": ["x"]}]}]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _check(text: str) -> None:
    try:
        scenario = parse_scenario(text, "fuzz.yaml")
    except ScenarioError as exc:
        message = str(exc)
        assert message.startswith("fuzz.yaml")
        assert "\n" not in message
        assert "Traceback" not in message
        return
    shown = scenario.model_dump_json()
    assert "\\u001b" not in shown and "\\u009b" not in shown  # escapes never survive a load


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400))
def test_random_text_never_crashes(text: str) -> None:
    _check(text)


def _paths(doc: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out += _paths(value, (*prefix, i))
    return out


ALL_PATHS = _paths(VALID_DOC)[1:]


def _mutated(path: tuple[object, ...], value: object, delete: bool) -> dict[str, object]:
    import copy

    doc = copy.deepcopy(VALID_DOC)
    node = doc
    for part in path[:-1]:
        node = node[part]  # type: ignore[index]
    if delete:
        del node[path[-1]]  # type: ignore[arg-type]
    else:
        node[path[-1]] = value  # type: ignore[index]
    return doc  # type: ignore[no-any-return]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(ALL_PATHS), values, st.booleans())
def test_mutated_scenarios_load_or_give_one_line(
    path: tuple[object, ...], value: object, delete: bool
) -> None:
    doc = _mutated(path, value, delete)
    try:
        text = yaml.safe_dump(doc, allow_unicode=True)
    except yaml.YAMLError:
        return
    _check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_textual_corruption_of_a_valid_file(data: st.DataObject) -> None:
    text = yaml.safe_dump(VALID_DOC, allow_unicode=True)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(max_size=8))
    _check(text[:cut] + junk + text[cut + data.draw(st.integers(0, 5)) :])
