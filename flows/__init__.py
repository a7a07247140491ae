"""Prefect flows wiring the newsclean core; installed as a package so process-pool and Dask
workers can import the tasks by name."""
