"""Plain function views, one module per page (and one for the page's export twins)."""
