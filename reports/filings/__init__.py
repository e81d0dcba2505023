"""The official filings: the 产学合作 table (both layouts) with its checks and
drill-down, the enterprise annual report and the quality-report indicators.

Report kinds like the others (reports/documents/build.py dispatches to the
builders here); docs/filings.md defines every column and indicator.
"""
