<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MaterialRow</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="72"/>
        <source>Originals </source>
        <translation>原件 </translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="73"/>
        <source>Originals handed in or shown</source>
        <translation>收取或核验的原件份数</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="74"/>
        <source>returned after checking</source>
        <translation>核验后退回</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="76"/>
        <source>The original was only shown: checked and handed back (核验后退回)</source>
        <translation>原件仅供核验，核验后退回申请人（不留存）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="80"/>
        <source>Copies </source>
        <translation>复印件 </translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="81"/>
        <source>Copies handed in</source>
        <translation>收取的复印件份数</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="100"/>
        <source>Promised after the decision</source>
        <translation>决定后补交（告知承诺）</translation>
    </message>
</context>
<context>
    <name>DecisionPage</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="76"/>
        <source>Applies to</source>
        <translation>适用的办件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="74"/>
        <source>— legal ground —</source>
        <translation>— 不予受理的法定情形 —</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="80"/>
        <source>The organ the applicant should apply to</source>
        <translation>申请人应向其提出申请的行政机关</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="82"/>
        <source>Legal ground</source>
        <translation>法定情形</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="82"/>
        <source>Apply to</source>
        <translation>应向其申请的机关</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="62"/>
        <source>Handed in on paper</source>
        <translation>已收纸质材料（原件、复印件）</translation>
    </message>
</context>
</TS>