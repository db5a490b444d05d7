"""``clerk recover``: restore the last good backup, then rebuild from the centre what it lacks."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from clerk_app.commands.common import CommandError, open_ctx


def register(sub) -> None:
    p = sub.add_parser("recover", help="数据库损坏或丢失时：从最近的备份恢复，再从中心补回备份之后的编号与审计日志")
    p.add_argument("--backup", type=Path, default=None, help="指定备份文件（默认：最近一个校验通过的备份）")
    p.add_argument("--empty", action="store_true", help="没有可用备份时新建空库，只从中心补回（须已登记到中心）")
    p.add_argument("--no-centre", action="store_true", help="只恢复备份，不连接中心（稍后可再运行 clerk recover --centre-only）")
    p.add_argument("--centre-only", action="store_true", help="不动数据库，只从中心补回编号与审计日志")
    p.add_argument("--force", action="store_true", help="数据库完好时也退回到备份（备份之后的办件移出本机数据库）")
    p.set_defaults(func=run)


def run(args) -> int:
    from clerk_app import paths
    from clerk_app.services.store_recover import NothingToRestore, StoreIsHealthy, restore_last_good

    since = None
    if not args.centre_only:
        try:
            restored = restore_last_good(args.backup, allow_empty=args.empty, force=args.force)
        except (NothingToRestore, StoreIsHealthy) as exc:
            raise CommandError(str(exc), code=3) from exc
        if restored.moved_aside:
            print(f"已将原数据库文件移至 {restored.moved_aside}（未删除）")
        if restored.backup:
            print(f"已从备份 {restored.backup.path.name}（{restored.backup.taken_at:%Y-%m-%d %H:%M}）恢复数据库")
            since = restored.backup.taken_at.date() - timedelta(days=1)
        else:
            print("没有可用备份：已新建空数据库")
            since = date(2000, 1, 1)
    ctx = open_ctx()
    try:
        if args.no_centre:
            print("未连接中心。办件编号可能与备份之后已发出的编号重复：请尽快运行 clerk recover --centre-only")
            return 0
        return _from_centre(ctx, since or (ctx.clock().date() - timedelta(days=400)), paths.data_home() / "recovered")
    finally:
        ctx.close()


def _from_centre(ctx, since: date, out_dir: Path) -> int:
    from clerk_app.sync.engine import make_client
    from clerk_app.sync.errors import NotEnrolled, SyncError
    from clerk_app.sync.recover import audit_recovery, rebuild_from_centre

    try:
        client = make_client(ctx)
    except NotEnrolled as exc:
        raise CommandError("本窗口未登记到中心，无法从中心补回；数据库已按备份恢复。", code=4) from exc
    try:
        with client:
            r = rebuild_from_centre(ctx, client, since, out_dir)
    except SyncError as exc:
        raise CommandError(f"连接中心失败：{getattr(exc, 'message', exc)}。数据库已按备份恢复，"
                           "联网后请再运行 clerk recover --centre-only（在此之前请勿办理新件）", code=4) from exc
    except ValueError as exc:
        raise CommandError(str(exc), code=4) from exc
    audit_recovery(ctx, r, actor="信息科")
    for name, (before, after) in r.counters_raised.items():
        print(f"编号计数 {name}：{before} → {after}（中心已有的编号不会再发出）")
    print(f"变更序号：{r.outbox_seq[0]} → {r.outbox_seq[1]}；从中心补回审计日志 {r.audit_restored} 条")
    if r.missing_cases or r.missing_notices:
        print(f"备份中缺少、中心已有的办件 {len(r.missing_cases)} 件、告知书 {len(r.missing_notices)} 份：")
        for no in r.missing_cases:
            print(f"  {no}  " + ("已从中心恢复" if no in r.restored_cases else f"未能恢复（{r.not_restored.get(no)}）"))
        for no in r.missing_notices:
            print(f"  {no}  告知书未恢复（编号不会重复使用；内容可在中心查询）")
        if r.saved_to:
            print(f"中心的办件记录另存于 {r.saved_to}（仅本用户可读）")
    print("恢复完成。")
    return 0
