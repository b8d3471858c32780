"""Helpers shared by several plugins, without signals of their own: the
problem-reporting API and its French messages, the link resolver, the content
and site.toml schemas, French dates and typography. Plugins import them
directly (never through the template environment)."""
