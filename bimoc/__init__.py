"""Tools around the Pelican build of the BIMOC site (build, serve), imported by tasks.py and the tests."""
