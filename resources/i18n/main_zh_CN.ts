<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicantPage</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="33"/>
        <source>An agent applies on the applicant&apos;s behalf (委托代办)</source>
        <translation>委托代理人办理（委托代办）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="36"/>
        <source>The agent brings a signed power of attorney and their ID: both are checked on the materials page.</source>
        <translation>代理人须提交授权委托书及本人身份证件，在“材料核验”页逐项核对。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="37"/>
        <source>Picks up at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="38"/>
        <source>Result by mail</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="47"/>
        <source>Full postal address</source>
        <translation>完整的邮寄地址（省市区、街道、门牌号）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="50"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="54"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="59"/>
        <source>Result delivery</source>
        <translation>办理结果领取方式</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/applicant_page.py" line="149"/>
        <source>Known applicant: details filled in from an earlier visit. Please confirm or correct them.</source>
        <translation>该申请人以前办过事，已自动填入原有信息，请核对或修改。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>* Provisional: the official holidays of that year are not published yet; counted over weekends, recomputed when they arrive.</source>
        <translation>* 暂定期限：该年法定节假日安排尚未公布，暂按周末推算，公布后自动重算。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="59"/>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="78"/>
        <source>Case</source>
        <translation>办件信息</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="81"/>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="83"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="87"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="88"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="90"/>
        <source>Received</source>
        <translation>收件时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="91"/>
        <source>Due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="93"/>
        <source>Tolerated materials due</source>
        <translation>容缺材料补齐期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="95"/>
        <source>Delivery</source>
        <translation>结果领取</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="95"/>
        <source>by mail to %1</source>
        <translation>邮寄至 %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="96"/>
        <source>pick up at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="104"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="104"/>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="104"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="104"/>
        <source>Received as</source>
        <translation>收取方式</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="105"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="105"/>
        <source>Bring by</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="105"/>
        <source>Supplied</source>
        <translation>已补交</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="110"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="110"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="110"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="110"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="113"/>
        <source>Reprint</source>
        <translation>补打文书</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="119"/>
        <source>Record supplement received</source>
        <translation>登记补交材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="122"/>
        <source>Decide on the spot (chief representative)</source>
        <translation>当场决定（首席事务代表）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="125"/>
        <source>Hand out result</source>
        <translation>当面出件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="126"/>
        <source>Mail result</source>
        <translation>邮寄出件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/case_dialog.py" line="130"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
</context>
<context>
    <name>ClerkStatusBar</name>
    <message>
        <source>Holiday calendar updated: dates of %1 case(s) recomputed</source>
        <translation>节假日安排已更新：%1 件办件的期限已重新计算</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="74"/>
        <source>Not connected to the centre</source>
        <translation>未连接中心</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="77"/>
        <source>Online</source>
        <translation>已连接中心</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="80"/>
        <source>Offline</source>
        <translation>离线（与中心断开）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="84"/>
        <source>%1 changes waiting to upload (since %2)</source>
        <translation>%1 条记录待上传（自 %2 起）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="86"/>
        <source>last error: %1</source>
        <translation>最近一次错误：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="88"/>
        <source>Everything uploaded</source>
        <translation>全部已上传</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="90"/>
        <source>PC clock differs from the centre by %1 s</source>
        <translation>本机时间与中心相差 %1 秒</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/status_bar.py" line="94"/>
        <source>Catalogue %1</source>
        <translation>事项目录 %1</translation>
    </message>
</context>
<context>
    <name>DecideOnSpotDialog</name>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="140"/>
        <source>Decide on the spot</source>
        <translation>当场决定</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="141"/>
        <source>Approve (untick to refuse)</source>
        <translation>准予（取消勾选为不予）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="145"/>
        <source>Decision, e.g. licence number, or the reason for refusal</source>
        <translation>决定内容，如证照编号，或不予许可的理由</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="148"/>
        <source>Decision</source>
        <translation>决定内容</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="149"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DecisionPage</name>
    <message>
        <source>Standard: %1</source>
        <translation>审查标准：%1</translation>
    </message>
    <message>
        <source>Acceptance conditions (confirm each one)</source>
        <translation>受理条件（逐项核对后勾选）</translation>
    </message>
    <message>
        <source>All conditions met (F7)</source>
        <translation>全部受理条件均已核对符合（F7）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="48"/>
        <source>Still to bring (listed in full, once)</source>
        <translation>还需提交的材料（一次性全部告知）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="55"/>
        <source>Required when differing from the rules; goes to the audit log</source>
        <translation>改变规则结果时必填，将记入审计日志</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="57"/>
        <source>Decision</source>
        <translation>受理决定</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="59"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="60"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="62"/>
        <source>Choose &apos;not accepted&apos; to refuse the application (不予受理); any change needs a written reason.</source>
        <translation>如需不予受理，请选择“不予受理”；任何改变规则结果的决定都须写明理由。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="90"/>
        <source>The rules give: %1</source>
        <translation>按规则：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="94"/>
        <source>Promised completion date: %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="99"/>
        <source>Tolerated materials due by: %1</source>
        <translation>容缺材料补齐期限：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="111"/>
        <source>As the rules say: %1</source>
        <translation>按规则：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="123"/>
        <source>to bring by</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="123"/>
        <source>tolerated gap</source>
        <translation>容缺</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="123"/>
        <source>missing</source>
        <translation>未提交</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="127"/>
        <source>One case per item, each handled by its own department:</source>
        <translation>每个事项一个办件，由各自部门办理：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/decision_page.py" line="129"/>
        <source>promised by</source>
        <translation>承诺办结</translation>
    </message>
</context>
<context>
    <name>DocumentButtons</name>
    <message>
        <location filename="../../clerk_app/ui/document_buttons.py" line="32"/>
        <source>Printing is not installed yet: please note the number down.</source>
        <translation>打印组件尚未安装，请记下编号。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/document_buttons.py" line="36"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/document_buttons.py" line="36"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/document_buttons.py" line="37"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/document_buttons.py" line="51"/>
        <location filename="../../clerk_app/ui/document_buttons.py" line="65"/>
        <location filename="../../clerk_app/ui/document_buttons.py" line="70"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/document_buttons.py" line="65"/>
        <source>This PC cannot print PDFs directly (poppler-utils missing): save as PDF and print that.</source>
        <translation>本机缺少 PDF 打印组件（poppler-utils），请另存为 PDF 后打印。</translation>
    </message>
</context>
<context>
    <name>DraftsDialog</name>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="34"/>
        <source>Unfinished intakes</source>
        <translation>未完成的收件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="39"/>
        <source>Resume (Enter)</source>
        <translation>继续办理（Enter）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="42"/>
        <source>Discard (Del)</source>
        <translation>放弃（Del）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="45"/>
        <source>Later (Esc)</source>
        <translation>稍后（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="51"/>
        <source>These intakes were left unfinished (window closed, power cut…). Nothing was lost: resume or discard them.</source>
        <translation>以下收件尚未完成（窗口被关闭、断电等），内容均已保存，可继续办理或放弃。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="88"/>
        <source>Cannot resume</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="99"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/drafts_dialog.py" line="99"/>
        <source>Discard this unfinished intake? This cannot be undone.</source>
        <translation>确定放弃这份未完成的收件吗？放弃后不能恢复。</translation>
    </message>
</context>
<context>
    <name>FinishDialog</name>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="24"/>
        <source>One-time notice given</source>
        <translation>已出具一次性告知书</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="24"/>
        <source>Intake saved</source>
        <translation>收件已保存</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="34"/>
        <source>Notice number</source>
        <translation>告知书编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="34"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="38"/>
        <source>Promised completion date: %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="40"/>
        <source>Tolerated materials due by: %1</source>
        <translation>容缺材料补齐期限：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="42"/>
        <source>To bring:</source>
        <translation>需补交：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="51"/>
        <source>Done (Esc)</source>
        <translation>完成（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="38"/>
        <source>Application number: %1</source>
        <translation>申办编号：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/finish_dialog.py" line="40"/>
        <source>promised by</source>
        <translation>承诺办结</translation>
    </message>
</context>
<context>
    <name>HandOutDialog</name>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="62"/>
        <source>Hand out the result</source>
        <translation>当面出件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="64"/>
        <source>Result, e.g. licence name and number</source>
        <translation>办理结果，如证照名称及编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="65"/>
        <source>Collected by the applicant in person</source>
        <translation>申请人本人领取</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="72"/>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="74"/>
        <source>Received by</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="75"/>
        <source>Their ID number</source>
        <translation>领取人身份证号码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="76"/>
        <source>Their phone</source>
        <translation>领取人电话</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="77"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="73"/>
        <source>Back (Esc)</source>
        <translation>上一步（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="74"/>
        <source>Next (Enter)</source>
        <translation>下一步（Enter）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="75"/>
        <source>Finish intake (Enter)</source>
        <translation>完成收件（Enter）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="76"/>
        <source>Save and close</source>
        <translation>暂存并关闭</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="123"/>
        <source>Follows up notice %1</source>
        <translation>接续告知书 %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="185"/>
        <source>Draft not saved</source>
        <translation>暂存失败</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="186"/>
        <source>The unfinished intake could not be saved. Please finish it now.</source>
        <translation>未完成的收件未能暂存，请现在办完。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="211"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/host.py" line="212"/>
        <source>The intake could not be saved; nothing was recorded. The draft is kept, please try again.</source>
        <translation>收件未能保存，未记录任何内容。草稿已保留，请重试。</translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="46"/>
        <source>Channel:</source>
        <translation>收件渠道：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="47"/>
        <source>At the window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="48"/>
        <source>By letter (mail)</source>
        <translation>信函申请</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="58"/>
        <source>Letter received at:</source>
        <translation>收到信函时间：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="66"/>
        <source>Item name, code or pinyin initials (e.g. spjy), or a one-thing theme</source>
        <translation>事项名称、编码或拼音首字母（如 spjy），或“一件事”主题</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="74"/>
        <source>Remove (Del)</source>
        <translation>移除（Del）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="79"/>
        <source>Find the item</source>
        <translation>查找事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="82"/>
        <source>Type, then Enter adds the first match (Down arrow to pick another). Enter with an empty box goes on.</source>
        <translation>输入后按 Enter 加入第一项（按 ↓ 选择其他项）；输入框为空时按 Enter 进入下一步。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="84"/>
        <source>Items of this intake</source>
        <translation>本次办理的事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="171"/>
        <source>immediate</source>
        <translation>即办件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="171"/>
        <source>promised</source>
        <translation>承诺件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/items_page.py" line="176"/>
        <source>One-thing theme: %1 (shared materials are received once)</source>
        <translation>一件事：%1（共用材料只收一份）</translation>
    </message>
</context>
<context>
    <name>MailDialog</name>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="98"/>
        <source>Mail the result</source>
        <translation>邮寄出件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="100"/>
        <source>Result, e.g. licence name and number</source>
        <translation>办理结果，如证照名称及编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="104"/>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="105"/>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="106"/>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="107"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="49"/>
        <source>Window Clerk</source>
        <translation>综合窗口收件台</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="57"/>
        <source>New intake (F2)</source>
        <translation>新收件（F2）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="65"/>
        <source>Comprehensive window</source>
        <translation>综合窗口</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="94"/>
        <source>&amp;Intake</source>
        <translation>收件(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="95"/>
        <source>New intake</source>
        <translation>新收件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="97"/>
        <source>Unfinished intakes…</source>
        <translation>未完成的收件…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="98"/>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="99"/>
        <source>Refresh today&apos;s work</source>
        <translation>刷新今日工作</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="100"/>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="101"/>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="102"/>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="117"/>
        <source>%1 · badge %2 · window %3</source>
        <translation>%1 · 工牌 %2 · %3号窗口</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="138"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py" line="139"/>
        <source>No case or notice numbered %1 at this window.</source>
        <translation>本窗口没有编号为 %1 的办件或告知书。</translation>
    </message>
</context>
<context>
    <name>MaterialRow</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="52"/>
        <source>Not handed in</source>
        <translation>未交</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="53"/>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="54"/>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="56"/>
        <source>E-licence (no paper)</source>
        <translation>电子证照（免提交）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="58"/>
        <source>Signed commitment</source>
        <translation>告知承诺</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="60"/>
        <source>Tolerated gap (%1 working days)</source>
        <translation>容缺（%1个工作日内补齐）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="63"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="75"/>
        <source> pcs</source>
        <translation> 份</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="77"/>
        <source>Number handed in</source>
        <translation>实收份数</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="82"/>
        <source>— which one? —</source>
        <translation>— 实际提交哪一种？—</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="99"/>
        <source>required</source>
        <translation>必需</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="99"/>
        <source>if applicable</source>
        <translation>条件性</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="107"/>
        <source>Check:</source>
        <translation>审核要点：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="109"/>
        <source>Standard:</source>
        <translation>标准：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="111"/>
        <source>Shared by:</source>
        <translation>共用于：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="148"/>
        <source>pick the document handed in</source>
        <translation>请选择实际提交的材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="150"/>
        <source>OK</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="151"/>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="152"/>
        <source>tolerated gap</source>
        <translation>容缺</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/material_row.py" line="153"/>
        <source>missing</source>
        <translation>未提交</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/materials_page.py" line="35"/>
        <source>All handed in as required (F6)</source>
        <translation>全部按要求收齐（F6）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/materials_page.py" line="37"/>
        <source>Originals where an original is required, the copies asked for; what you already recorded otherwise is kept</source>
        <translation>要求原件的记为原件，其余按要求份数记为复印件；已另行记录的（如容缺、告知承诺）保持不变</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/materials_page.py" line="45"/>
        <source>F6 marks every material as handed in as required, then change only the exceptions. Up/Down (or Tab) move from material to material; Left/Right choose what was handed in; Enter goes on.</source>
        <translation>F6 将全部材料记为按要求收齐，再只改例外项；上下方向键（或 Tab）逐项移动；左右方向键选择收取方式；Enter 进入下一步。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/materials_page.py" line="70"/>
        <source>%1 materials: %2 in order, %3 tolerated, %4 still missing</source>
        <translation>共 %1 项材料：%2 项符合，%3 项容缺，%4 项缺少或不符</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="34"/>
        <source>One-time notice %1</source>
        <translation>一次性告知书 %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="40"/>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="41"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="42"/>
        <source>Given at</source>
        <translation>出具时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="45"/>
        <source>Missing then</source>
        <translation>当时缺少的材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="52"/>
        <source>Reprint</source>
        <translation>补打文书</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="56"/>
        <source>New intake from this notice (Enter)</source>
        <translation>据此重新收件（Enter）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="61"/>
        <source>Already followed up by case %1</source>
        <translation>已接续办件 %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/notice_dialog.py" line="64"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
</context>
<context>
    <name>PartyForm</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="63"/>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="121"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="31"/>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="32"/>
        <source>Company / organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="55"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="60"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="63"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="64"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="99"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="99"/>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="100"/>
        <source>Company name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="100"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="118"/>
        <source>%1 of 18 characters</source>
        <translation>已输入 %1/18 位</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/party_form.py" line="125"/>
        <source>Check digit correct</source>
        <translation>校验通过</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../clerk_app/ui/search_box.py" line="26"/>
        <source>Search item / pinyin initials / scan a voucher  (Ctrl+F)</source>
        <translation>查找事项 / 拼音首字母 / 扫描凭证条码（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>SituationPage</name>
    <message>
        <location filename="../../clerk_app/ui/wizard/situation_page.py" line="47"/>
        <source>The answers pick each item&apos;s situation and which conditional materials apply. Arrow keys choose, Tab moves on.</source>
        <translation>回答决定每个事项的办理情形和需要的条件性材料。方向键选择，Tab 到下一题。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/situation_page.py" line="67"/>
        <source>immediate</source>
        <translation>即办件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/situation_page.py" line="68"/>
        <source>promised, %1 working days</source>
        <translation>承诺件，%1个工作日</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/situation_page.py" line="87"/>
        <source>Situation:</source>
        <translation>办理情形：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/situation_page.py" line="90"/>
        <source>Applies:</source>
        <translation>适用情形：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/wizard/situation_page.py" line="114"/>
        <source>(answer the questions above)</source>
        <translation>（请回答上面的问题）</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="118"/>
        <source>Supplement received</source>
        <translation>登记补交材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/action_dialogs.py" line="129"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="61"/>
        <source>Filter by number, item, applicant or status</source>
        <translation>按编号、事项、申请人或状态筛选</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="62"/>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="69"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="69"/>
        <location filename="../../clerk_app/ui/worklist_view.py" line="71"/>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="69"/>
        <location filename="../../clerk_app/ui/worklist_view.py" line="71"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="69"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="70"/>
        <source>Received</source>
        <translation>收件时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="70"/>
        <source>Due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="70"/>
        <source>Countdown</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="71"/>
        <source>Notice number</source>
        <translation>告知书编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="71"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="72"/>
        <source>Missing</source>
        <translation>缺材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="72"/>
        <source>Followed up by</source>
        <translation>已接续办件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="79"/>
        <source>Today&apos;s work</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="83"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="95"/>
        <source>One-time notices given today</source>
        <translation>今日出具的一次性告知书</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="120"/>
        <source>Unfinished intakes: %1</source>
        <translation>未完成的收件：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/worklist_view.py" line="143"/>
        <source>%1 cases · %2 overdue · %3 due soon</source>
        <translation>共 %1 件 · 逾期 %2 件 · 临近期限 %3 件</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="45"/>
        <source>The item catalogue has %1 error(s); the last good version %2 stays in use.</source>
        <translation>事项目录有 %1 处错误，仍使用上一个有效版本 %2。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="49"/>
        <source>%1 holiday calendar file(s) were skipped.</source>
        <translation>有 %1 个节假日日历文件有误，已跳过。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="61"/>
        <source>%1 setting(s) in the settings file are invalid; their default values are used.</source>
        <translation>设置文件中有 %1 项设置无效，已暂用默认值（管理员可用 clerk settings set 改正）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="53"/>
        <source>Details below; an admin can also run “clerk catalog check”.</source>
        <translation>详情见下方；管理员也可运行“clerk catalog check”查看。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="54"/>
        <source>Data problems</source>
        <translation>数据问题</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="67"/>
        <source>Disk full</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="68"/>
        <source>The window&apos;s database cannot be used</source>
        <translation>本窗口的数据库无法使用</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="117"/>
        <source>Catalogue invalid</source>
        <translation>事项目录无效</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="118"/>
        <source>The item catalogue is invalid and there is no earlier good version:</source>
        <translation>事项目录无效，且没有可用的上一个有效版本：</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main.py" line="122"/>
        <source>Settings invalid</source>
        <translation>设置文件有误</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../clerk_app/ui/printing.py" line="54"/>
        <source>Could not make the %1: %2</source>
        <translation>无法生成%1：%2</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/printing.py" line="88"/>
        <source>This PC cannot print PDFs directly (poppler-utils missing): save as PDF and print that.</source>
        <translation>本机缺少 PDF 打印组件（poppler-utils），请另存为 PDF 后打印。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/printing.py" line="139"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/printing.py"/>
        <source>The printer could not start printing (none installed, switched off or offline). Nothing was printed or recorded: check the printer and print again.</source>
        <translation>打印机无法开始打印（未安装、未开机或脱机）。未打印，也未记为已打印：请检查打印机后重新打印。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/printing.py"/>
        <source>The PDF could not be saved to %1 (the folder cannot be written, or a file of that name is open in another program): please save it elsewhere.</source>
        <translation>无法把 PDF 保存到 %1（该文件夹不能写入，或同名文件正被其他程序打开）：请换一个位置保存。</translation>
    </message>
</context>
</TS>
