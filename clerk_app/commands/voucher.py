"""``clerk voucher NO --kind ... --out FILE.pdf``: print (or reprint, marked 补打) a document."""

from __future__ import annotations

from pathlib import Path

from clerk_app.commands.common import CommandError, add_actor_args, current_clerk, end_clerk_session, open_ctx


def register(sub) -> None:
    p = sub.add_parser("voucher", help="生成凭证/告知书 PDF（再次生成即为补打，留痕）")
    p.add_argument("number", help="办件编号或告知书编号")
    p.add_argument("--kind", help="文书类型，如 receipt、acceptance、notice（默认：该办件的主凭证；"
                                  "可选类型由文书登记表决定，写错时列出）")
    p.add_argument("--out", required=True, type=Path, help="输出 PDF 文件")
    p.add_argument("--copy", choices=["applicant", "archive"], default="applicant",
                   help="凭证联次：applicant 申请人联（印查询密码，默认）、archive 存档联（不印查询密码）")
    add_actor_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from clerk_app.documents import DocumentError
    from clerk_app.services import documents

    ctx = open_ctx()
    try:
        kinds = documents.applicable_kinds(ctx, args.number)
        if not kinds:
            raise CommandError(f"没有编号为 {args.number} 的办件或告知书")
        kind = args.kind or kinds[0]
        try:
            _, reprint = documents.issue(ctx, args.number, kind, current_clerk(args, ctx), args.out,
                                          copy=args.copy)
        except (documents.DocumentUnavailable, DocumentError) as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"{args.out}: 无法写入: {exc.strerror}") from exc
        print(f"{'补打' if reprint else '已生成'} {kind}: {args.out}")
        return 0
    finally:
        end_clerk_session(args, ctx)
        ctx.close()
