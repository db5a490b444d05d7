"""``clerk settings show|set``: the centre and window settings an admin sets once."""

from __future__ import annotations

import sys

from clerk_app.commands.common import CommandError, print_json, warn_settings_problems


def register(sub) -> None:
    p = sub.add_parser("settings", help="中心与窗口设置")
    s = p.add_subparsers(dest="settings_cmd", required=True)
    s.add_parser("show", help="显示设置").set_defaults(func=show)
    st = s.add_parser("set", help="修改一项设置，如 centre.name 或 window.number")
    st.add_argument("key")
    st.add_argument("value", help="值（非文本的设置项按 JSON 解析：数字、true/false、列表）")
    st.set_defaults(func=set_)


def show(args) -> int:
    from clerk_app import paths, settings

    try:
        s = settings.load()
    except settings.SettingsError as exc:
        raise CommandError(f"设置文件有误，请改正后再试：\n{exc}") from exc
    warn_settings_problems(s)
    data = s.model_dump(mode="json")
    data["window_id"] = s.window_id
    data["_file"] = str(paths.settings_path())
    print_json(data)
    return 0


def set_(args) -> int:
    from clerk_app import settings

    try:
        current = settings.load()
        warn_settings_problems(current)
        new = settings.set_value(current, args.key, args.value)
    except settings.SettingsError as exc:
        raise CommandError(str(exc)) from exc
    try:
        settings.save(new)
    except OSError as exc:
        from clerk_app import paths

        raise CommandError(f"设置未保存：无法写入设置文件 {paths.settings_path()}：{paths.os_reason(exc)}。"
                           "原设置文件未改动；请信息科检查数据文件夹的权限与磁盘空间后重试。", code=3) from exc
    if current.problems:
        print("以上设置项已按默认值写入设置文件，如需其他值请再设置", file=sys.stderr)
    print(f"已设置 {args.key} = {settings.get_value(new, args.key)!r}")
    return 0
