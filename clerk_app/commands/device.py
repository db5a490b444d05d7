"""``clerk device read-card [--port P] [--full]`` and ``clerk device ports``: try the ID card reader."""

from __future__ import annotations

import sys

from clerk_app.commands.common import CommandError, print_json


def register(sub) -> None:
    p = sub.add_parser("device", help="柜台设备（身份证阅读器）的检测")
    dsub = p.add_subparsers(dest="device_command", metavar="SUBCOMMAND")
    r = dsub.add_parser("read-card", help="读取阅读器上的证件并显示各项信息（供信息技术人员测试阅读器）")
    r.add_argument("--port", default=None, help="阅读器串口，如 /dev/ttyUSB0 或 COM3；不填则用设置 devices.idcard_port，再不填则自动查找")
    r.add_argument("--full", action="store_true", help="显示完整证件号码（默认只显示前6位和后4位）")
    r.add_argument("--json", action="store_true", help="以 JSON 输出")
    r.set_defaults(func=run_read)
    ports = dsub.add_parser("ports", help="列出本机的串口")
    ports.set_defaults(func=run_ports)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _port(args) -> str | None:
    if args.port:
        return args.port
    from clerk_app import settings as settings_mod
    from clerk_app.services.idcard import configured_port

    try:
        return configured_port(settings_mod.load())
    except settings_mod.SettingsError as exc:
        raise CommandError(f"设置文件有误，请改正后再试：\n{exc}") from exc


def run_read(args) -> int:
    from clerk_app.services.idcard import CardExpired, IdCardError, read_card

    try:
        card = read_card(_port(args))
    except CardExpired as exc:
        _show(exc.card, args)
        raise CommandError(str(exc)) from exc
    except IdCardError as exc:
        raise CommandError(str(exc)) from exc
    _show(card, args)
    return 0


def _show(card, args) -> None:
    rows = card.fields(full_id=args.full)
    if args.json:
        print_json(dict(rows))
        return
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label}{'　' * (width - len(label))}  {value}")
    sys.stdout.flush()


def run_ports(args) -> int:
    from clerk_app.devices.reader import serial_ports

    ports = serial_ports()
    if not ports:
        print("本机没有串口设备")
    for p in ports:
        print(p)
    return 0
