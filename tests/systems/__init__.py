"""Analytic open systems shared by the front-door tests (dynamiqs' ``tests/systems`` habit).

Each system gives the front door's inputs as plain NumPy arrays and knows its exact steady
state and, where one exists, its exact trajectory.
"""
