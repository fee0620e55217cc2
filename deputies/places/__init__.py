"""Places and staff from the browser: administrators keep every county, county officers their own
(its townships and liaison stations, and who works where). Reads in `selectors`, writes in
`services`, the pages' forms in `forms`; the views are `deputies.views.places`."""
