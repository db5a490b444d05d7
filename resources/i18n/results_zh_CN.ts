<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="108"/>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
</context>
</TS>
