<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py"/>
        <source>Correction asked by %1 on %2</source>
        <translation>%1 于 %2 要求补正，请勾选收到的材料并核对形式和份数：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py"/>
        <source> copies</source>
        <translation> 份</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py"/>
        <source>Print the receipt for the supplement</source>
        <translation>打印补正（补齐）材料收件凭证</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py"/>
        <source>Not counted</source>
        <translation>不计入期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py"/>
        <source>Tolerated materials overdue</source>
        <translation>容缺材料逾期</translation>
    </message>
</context>
</TS>
