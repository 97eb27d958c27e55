"""Kinds from descriptors, titles and organizations (directory.extract.kinds)."""

from __future__ import annotations

import pytest

from directory.extract.kinds import decide_kind


@pytest.mark.parametrize(
    ("descriptors", "title", "organizations", "kind"),
    [
        (["a professor of international politics"], None, [], "expert"),
        (["Bristol University political scientist"], None, [], "expert"),
        ([], "chairs the political science department", ["University of Nevada"], "expert"),
        ([], "president", ["Thomas B. Fordham Institute"], "expert"),
        (["White House press secretary"], None, [], "spokesperson"),
        (["Water company spokeswoman"], None, [], "spokesperson"),
        (["Sen."], None, [], "official"),
        (["Transportation Secretary"], None, [], "official"),
        ([], "chief executive", ["Nucor"], "other"),
        ([], None, ["Investec Securities"], "expert"),
        ([], None, ["Welsh Liberal Democrats"], "other"),
        (["Dr."], None, [], "other"),
        ([], "former aide to Sen. Ted Cruz", [], "other"),
        (
            ["retired Army Lt. Gen.", "chief military adviser in Iraq from 2013 to 2015"],
            None,
            [],
            "expert",
        ),
        ([], "former Federal Reserve chairman", [], "expert"),
        # a politician's own aide was personal staff; an out-of-office official is an expert
        (["top terrorism adviser to then-President George Bush"], None, [], "other"),
        (["former deputy national security adviser for counterterrorism"], None, [], "expert"),
        ([], "former Florida governor", [], "official"),
        (["ex-foreign secretary"], None, [], "official"),
        (["one of the former prosecutors for the general"], None, [], "expert"),
        ([], None, [], "other"),
    ],
)
def test_decide_kind(descriptors, title, organizations, kind):
    assert decide_kind(descriptors, title, organizations) == kind
