<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- Issue 14 strings of ui/main.py and ui/main_window.py, kept apart from main_zh_CN.ts while the
     wizard is rewritten in parallel; fold them into main_zh_CN.ts at the next lupdate. -->
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Unfinished intake</source>
        <translation>收件未完成</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>An intake is not finished. Keep it as a draft to resume later?</source>
        <translation>当前收件尚未完成。是否保留为草稿，以后继续办理？</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Keep the draft</source>
        <translation>保留草稿</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Discard it</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Do not close</source>
        <translation>不关闭</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../clerk_app/ui/main.py"/>
        <source>Cannot open the window&apos;s data</source>
        <translation>无法打开窗口数据</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py"/>
        <source>The window&apos;s data folder cannot be opened:</source>
        <translation>无法打开本窗口的数据文件夹：</translation>
    </message>
</context>
</TS>
