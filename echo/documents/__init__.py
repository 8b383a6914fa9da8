"""Documents Echo hands out: spreadsheets (CSV and XLSX with one formula guard)."""
