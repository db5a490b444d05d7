<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="30"/>
        <source>Handover summary</source>
        <translation>交接摘要</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="40"/>
        <source>Check the cases below before you take the post back; the applicants may come back to you.</source>
        <translation>接手岗位前请核对以下办件，相关申请人可能会回来找您。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="47"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="47"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="47"/>
        <source>Item / action</source>
        <translation>事项／办理</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="48"/>
        <source>Applicant / note</source>
        <translation>申请人／说明</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="48"/>
        <source>Done by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="60"/>
        <source>I have read it — take over the post</source>
        <translation>我已知悉，接手岗位</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="86"/>
        <source>now</source>
        <translation>至今</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="87"/>
        <source>Stand-in shifts</source>
        <translation>代岗时段</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="86"/>
        <source>Stood in</source>
        <translation>代岗</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="90"/>
        <source>Cases received</source>
        <translation>收件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="93"/>
        <source>One-time notices given</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="95"/>
        <source>%1 — %2 material(s) to bring</source>
        <translation>%1&#x3000;需补 %2 项材料</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="97"/>
        <source>Results handed out</source>
        <translation>出件</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/handover.py" line="100"/>
        <source>Other actions</source>
        <translation>其他办理</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="182"/>
        <source>Unlock failed because of an internal error; see the log file.</source>
        <translation>解锁失败（程序内部错误），详见日志文件。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="53"/>
        <source>Screen locked</source>
        <translation>已锁屏</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="58"/>
        <source>Logged in: %1</source>
        <translation>当前登录：%1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="60"/>
        <source>The window was idle. Enter your password to continue.</source>
        <translation>长时间无操作，已自动锁屏。请输入密码继续工作。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="65"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="71"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/idle_lock.py" line="74"/>
        <source>Switch user</source>
        <translation>换人登录</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="54"/>
        <source>Window staff login</source>
        <translation>窗口人员登录</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="58"/>
        <source>Window Clerk — staff login</source>
        <translation>综合窗口收件台 · 人员登录</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="71"/>
        <source>e.g. 1001</source>
        <translation>例如 1001</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="72"/>
        <source>Remember my staff number on this PC</source>
        <translation>在本机记住工号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="77"/>
        <source>Stand in for a colleague (AB role)</source>
        <translation>代岗（为 A 角顶岗）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="89"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="91"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="93"/>
        <source>Standing in for</source>
        <translation>被代岗人</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="96"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="99"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="156"/>
        <source>Demo accounts with published passwords are active on this PC; an administrator must disable them before real work.</source>
        <translation>本机仍启用着演示账号（密码已公开），正式办公前请管理员停用。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="181"/>
        <source>You are not the designated substitute (B) of anyone at this window.</source>
        <translation>您不是本窗口任何人员指定的 B 角。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="197"/>
        <source>Please enter your staff number and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="201"/>
        <source>Choose the colleague you are standing in for.</source>
        <translation>请选择被代岗人。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="205"/>
        <source>Opening this window&apos;s data; the login continues by itself…</source>
        <translation>正在打开本窗口的数据，打开后将自动继续登录…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="221"/>
        <source>Login failed because of an internal error; see the log file.</source>
        <translation>登录失败（程序内部错误），详见日志文件。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/login.py" line="230"/>
        <source>Please note</source>
        <translation>请注意</translation>
    </message>
</context>
<context>
    <name>PostsDialog</name>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="29"/>
        <source>Posts and AB-role coverage</source>
        <translation>岗位在岗情况（AB角）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="36"/>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="36"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="36"/>
        <source>Badge</source>
        <translation>工牌号</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="37"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="37"/>
        <source>Working the post</source>
        <translation>当前在岗</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="38"/>
        <source>Substitutes (B)</source>
        <translation>B角</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="46"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="48"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="61"/>
        <source>none designated</source>
        <translation>未指定</translation>
    </message>
    <message>
        <location filename="../../clerk_app/ui/posts.py" line="69"/>
        <source>%1 posts; %2 need attention (nobody on the post, or no substitute designated).</source>
        <translation>共 %1 个岗位，%2 个需要处理（空岗，或未指定 B 角）。</translation>
    </message>
</context>
</TS>
