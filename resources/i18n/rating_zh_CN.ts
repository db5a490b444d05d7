<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicantRatingDialog</name>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="188"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="194"/>
        <source>Applicant does not rate</source>
        <translation>申请人不评价</translation>
    </message>
</context>
<context>
    <name>ApplicantRatingPanel</name>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="69"/>
        <source>Please rate this %1 service</source>
        <translation>请您对本次%1服务作出评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="74"/>
        <source>Served by: %1</source>
        <translation>为您服务的工作人员：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="119"/>
        <source>Anything else you want to tell us (optional)</source>
        <translation>其他意见或建议（可不填）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="124"/>
        <source>Choose again</source>
        <translation>重新选择</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="129"/>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="140"/>
        <source>Thank you for your rating</source>
        <translation>感谢您的评价！</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="151"/>
        <source>You chose %1. What went wrong? (choose any)</source>
        <translation>您选择了“%1”。请告诉我们哪里做得不好（可多选）：</translation>
    </message>
</context>
<context>
    <name>ApplicantRatingWindow</name>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="173"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
</context>
<context>
    <name>RatingPrompt</name>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="213"/>
        <source>Applicant&apos;s rating of the %1 service</source>
        <translation>申请人对%1服务的评价（好差评）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="217"/>
        <location filename="../../clerk_app/ui/rating_window.py" line="302"/>
        <source>Not rated yet</source>
        <translation>尚未评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="221"/>
        <source>Ask the applicant to rate (F9)</source>
        <translation>请申请人评价（F9）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="223"/>
        <source>Applicant does not rate</source>
        <translation>申请人不评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="225"/>
        <source>Cancel rating</source>
        <translation>取消评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="249"/>
        <source>%1 (badge %2)</source>
        <translation>%1（工号牌 %2）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="261"/>
        <source>Waiting for the applicant to rate on the applicant&apos;s screen…</source>
        <translation>请申请人在评价屏上评价…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="268"/>
        <source>The applicant is rating (turn the screen to them)…</source>
        <translation>申请人正在评价（请将屏幕转向申请人）…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="281"/>
        <source>Rated: %1</source>
        <translation>申请人评价：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/rating_window.py" line="283"/>
        <source>a follow-up is due by %1</source>
        <translation>差评须于 %1 前整改回访</translation>
    </message>
</context>
</TS>
