<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncIssuesDialog</name>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="29"/>
        <source>%1 sync issue(s): changes set aside, the rest keep uploading</source>
        <translation>%1 项同步问题：已另存待处理，其余照常上传</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="47"/>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="102"/>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="118"/>
        <source>Sync issues</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="50"/>
        <source>The centre refused these changes; everything else kept uploading. Fix the cause and resend, or set the change aside with a reason.</source>
        <translation>中心拒收了以下变更，其余数据照常上传。请排除原因后重新发送，或写明理由后搁置。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="53"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="53"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="53"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="54"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="61"/>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="62"/>
        <source>Set aside…</source>
        <translation>搁置…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="70"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="80"/>
        <source>upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="80"/>
        <source>download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="112"/>
        <source>Set aside</source>
        <translation>搁置</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/sync_issues_dialog.py" line="112"/>
        <source>Reason (kept in the audit log):</source>
        <translation>理由（记入审计日志）：</translation>
    </message>
</context>
</TS>
