"""``clerk`` subcommands: one module each, each with ``register(subparsers)``.

Handlers import what they need lazily so ``clerk`` (the window app) starts fast.
"""
