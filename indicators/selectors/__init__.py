"""Reads for the dashboard pages. Each selector runs a fixed number of queries, whatever the
amount of data: the pages never query once per chart, series or point."""
