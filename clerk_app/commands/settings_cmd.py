"""``clerk settings show|set``: the centre and window settings an admin sets once."""

from __future__ import annotations

import json

from clerk_app.commands.common import CommandError, print_json


def register(sub) -> None:
    p = sub.add_parser("settings", help="中心与窗口设置")
    s = p.add_subparsers(dest="settings_cmd", required=True)
    s.add_parser("show", help="显示设置").set_defaults(func=show)
    st = s.add_parser("set", help="修改一项设置，如 centre.name 或 window.number")
    st.add_argument("key")
    st.add_argument("value", help="值（数字、true/false 按 JSON 解析，其余为文本）")
    st.set_defaults(func=set_)


def show(args) -> int:
    from clerk_app import paths, settings

    s = settings.load()
    data = s.model_dump(mode="json")
    data["window_id"] = s.window_id
    data["_file"] = str(paths.settings_path())
    print_json(data)
    return 0


def set_(args) -> int:
    from clerk_app import settings

    try:
        current = settings.load()
        value: object = args.value
        if not isinstance(settings.get_value(current, args.key), str):
            try:  # numbers and true/false for non-text settings
                value = json.loads(args.value)
            except json.JSONDecodeError:
                value = args.value
        new = settings.set_value(current, args.key, value)
    except settings.SettingsError as exc:
        raise CommandError(str(exc)) from exc
    settings.save(new)
    print(f"已设置 {args.key} = {value!r}")
    return 0
