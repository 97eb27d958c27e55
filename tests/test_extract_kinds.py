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
        ([], None, [], "other"),
    ],
)
def test_decide_kind(descriptors, title, organizations, kind):
    assert decide_kind(descriptors, title, organizations) == kind
