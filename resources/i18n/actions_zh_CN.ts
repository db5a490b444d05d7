<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionFormDialog</name>
    <message>
        <location filename="../../clerk_app/ui/action_form.py" line="65"/>
        <source>OK (Enter)</source>
        <translation>确定（Enter）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_form.py" line="67"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_form.py" line="74"/>
        <source>Fields marked ＊ are required.</source>
        <translation>标有＊的为必填项。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_form.py" line="113"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_form.py" line="127"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
</TS>
