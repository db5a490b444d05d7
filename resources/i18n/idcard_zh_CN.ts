<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CardReaderHook</name>
    <message>
        <location filename="../../clerk_app/ui/idcard_reader.py" line="68"/>
        <source>Read ID card (F4)</source>
        <translation>读身份证（F4）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idcard_reader.py" line="104"/>
        <source>Reading the card… keep it on the reader</source>
        <translation>正在读卡……请将证件平放在阅读器上，读完前不要移动</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idcard_reader.py" line="121"/>
        <source>agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idcard_reader.py" line="121"/>
        <source>applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idcard_reader.py" line="124"/>
        <source>Card read into the %1: %2, valid %3</source>
        <translation>已读卡并填入%1：%2，有效期限 %3</translation>
    </message>
</context>
</TS>
