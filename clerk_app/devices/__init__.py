"""Devices at the counter: the second-generation ID card reader (居民身份证阅读器).

No Qt and no UI here (import-linter keeps it so): the service layer and the ``clerk``
command call these modules directly, the UI only through a worker thread.
"""
