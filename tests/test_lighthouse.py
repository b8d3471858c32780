"""Lighthouse's accessibility, best-practices and SEO scores are 100 on the
audited pages (the same audit as `invoke audit`, on the session's build)."""

import pytest

from bimoc.audit import AUDITED_PAGES, below_bar, lighthouse_scores
from bimoc.tools import LIGHTHOUSE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", AUDITED_PAGES.values(), ids=AUDITED_PAGES.keys())
def test_lighthouse_bars(served_site, path):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run `make test`")
    scores = lighthouse_scores(f"{served_site.siteurl}/{path}")
    assert below_bar(scores) == [], scores
