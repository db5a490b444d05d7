<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that qtbase_zh_CN.qm (shipped with PySide6) leaves untranslated, so that
     Qt's dialogs speak Chinese throughout. Kept by hand (lupdate cannot see Qt's sources);
     rebuild with: .venv/bin/pyside6-lrelease resources/i18n/qtextra_zh_CN.ts
     Check with tests/ui/test_qt_dialogs_chinese.py after a PySide6 upgrade. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
