"""Irregular English past participles, for `extends: passive` rules ("was broken", "were made").

Regular participles end in -ed and are matched by pattern; these are not. A rule file may add
more with `irregular:`.
"""

from __future__ import annotations

from commcoach.language.lexicons import entries

IRREGULAR_PARTICIPLES: tuple[str, ...] = entries("irregular_participles")
"""Past participles that do not end in -ed (lexicons/irregular_participles.txt, which the
`completed_action` detector reads too)."""
