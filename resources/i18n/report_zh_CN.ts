<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- The enquiry dialog, the supervision and report views, and their main-window entries (issue 13, report). -->
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Enquiry (Ctrl+E)</source>
        <translation>咨询登记（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Record an enquiry…</source>
        <translation>咨询登记…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>&amp;Supervision</source>
        <translation>督办与报表(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/main_window.py"/>
        <source>Window report</source>
        <translation>窗口工作报表</translation>
    </message>
</context>
<context>
    <name>EnquiryDialog</name>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Enquiry (first-contact responsibility)</source>
        <translation>咨询登记（首问负责）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Item asked about: name or pinyin initials</source>
        <translation>咨询的事项：名称或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>No item chosen</source>
        <translation>尚未选择事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Optional; kept with the middle hidden</source>
        <translation>可不填；只保存隐去中间部分的号码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Print the item's material list for the citizen</source>
        <translation>为咨询人打印该事项的办事材料清单</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Record (Ctrl+Enter)</source>
        <translation>登记（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Question</source>
        <translation>咨询内容</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>What was told *</source>
        <translation>答复内容 *</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Name</source>
        <translation>咨询人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/enquiry_dialog.py"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Back to today's work (Esc)</source>
        <translation>返回今日工作（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Clerk</source>
        <translation>收件人员</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Tolerated materials</source>
        <translation>容缺材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Supply by</source>
        <translation>补齐期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Asked on</source>
        <translation>补正告知日</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>What was asked</source>
        <translation>补正内容</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Ready since</source>
        <translation>待领取自</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Working days waiting</source>
        <translation>已等待工作日</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Served by</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Comment</source>
        <translation>申请人意见</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Follow up by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>%1 open · %2 late · %3 due within %4 working days</source>
        <translation>办理中 %1 件 · 已逾期 %2 件 · %4 个工作日内到期 %3 件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Open cases (%1)</source>
        <translation>办理中的办件（%1）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Tolerated supplements (%1)</source>
        <translation>容缺待补齐（%1）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Corrections outstanding (%1)</source>
        <translation>补正未补齐（%1）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Results not collected (%1)</source>
        <translation>结果未领取（%1）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/supervision_view.py"/>
        <source>Bad-rating follow-ups (%1)</source>
        <translation>差评待整改（%1）</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>PDF</source>
        <translation>打印版 PDF</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Back (Esc)</source>
        <translation>返回（Esc）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Window report</source>
        <translation>窗口工作报表</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Work</source>
        <translation>办件情况</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Ratings</source>
        <translation>评价情况</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Late cases</source>
        <translation>逾期办件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/report_view.py"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../clerk_app/ui/bar_chart.py"/>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
</context>
</TS>
