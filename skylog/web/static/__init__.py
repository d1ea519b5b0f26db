"""Static assets of the web page (bundled, served offline)."""
