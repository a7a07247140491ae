"""Prefect flows wiring the newsclean core.

Installed as a package so process-pool and Dask workers can import the tasks by name.
"""
