"""Official code lists (ethnicities, religions, qualification levels, management categories, titles) and the
functions that load them and read free text as their values.

A plain package, not a Django app: it has no models of its own and writes into the people and posts tables.
"""
