"""Tools around the Pelican build of the BIMOC site: build runner, preview server."""
