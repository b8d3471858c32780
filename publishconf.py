"""Production settings: what is published on ACIM's server."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

# The flyer prints bmmmp31.acim.asso.fr, every archived page of the group's
# site uses bmmp31.acim.asso.fr: the flyer's spelling is taken for a typo (README).
SITEURL = os.environ.get("BIMOC_SITEURL", "https://bmmp31.acim.asso.fr").rstrip("/")
FEED_DOMAIN = SITEURL

# Drafts are never published (nor, then, their list: plugins/drafts).
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""

# Where `invoke publish` sends the site (README, "Publishing"). The BIMOC_PUBLISH_METHOD,
# _HOST, _PORT, _USER and _PATH environment variables override these values, still to be
# given by ACIM; secrets never live here (SSH key or agent, BIMOC_FTP_PASSWORD).
PUBLISH = {"method": "rsync", "host": "", "port": "", "user": "", "path": ""}
