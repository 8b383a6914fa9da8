"""Documents Echo hands out: spreadsheets (CSV and XLSX with one formula guard) and the base
of its PDFs (fonts, pages, metadata). A base layer: it imports no Echo domain (views hand it
data and return what it makes)."""
