<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AttentionDialog</name>
    <message>
        <location filename="../../ui/attention_dialog.py" line="66" />
        <source>需要处理的修改</source>
        <translation>Edits needing attention</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="68" />
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="68" />
        <source>服务器原因</source>
        <translation>Server's reason</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="68" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="70" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="71" />
        <source>放弃修改</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="72" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="90" />
        <source>没有需要处理的修改</source>
        <translation>Nothing needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="92" />
        <source>共 {0} 项</source>
        <translation>{0} items</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="96" />
        <source>读取失败：{0}</source>
        <translation>Could not load: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/attention_dialog.py" line="101" />
        <source>请先选择一项</source>
        <translation>Select an item first</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="204" />
        <source>我的客户</source>
        <extracomment>QSettings key of the list's column layout ("v2": the tags column stretches; a layout saved by an older version, with the last column stretched, is not reused). Room beside a header title: section padding (style.qss) and the sort arrow. Room beside a cell's text: the item's margins. The 保存筛选 dialog fits a name this many Chinese characters long (20: a roomy dialog). the selection the named saved filter put on the panel (None while applying) HQ: customers of every store, read from the server (its cache holds none).</extracomment>
        <translation>My customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="205" />
        <source>全店客户</source>
        <translation>All store customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="206" />
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="207" />
        <source>显示/隐藏筛选 (Ctrl+F)</source>
        <translation>Show/hide filters (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="209" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="211" />
        <location filename="../../ui/pages/contacts/page.py" line="321" />
        <source>保存筛选</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="213" />
        <location filename="../../ui/pages/contacts/page.py" line="313" />
        <source>保存的筛选…</source>
        <translation>Saved filters…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="289" />
        <source>共 {0} 位客户</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="322" />
        <source>为当前筛选起个名字：</source>
        <translation>Name this filter:</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <location filename="../../ui/card/dialog.py" line="104" />
        <source>仍然保存</source>
        <extracomment>What a card shows: it reloads when the sync brings changes of these. Follow-up fields a refusal may name (shown under the follow-up form). How long "已保存" stays after a save.</extracomment>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="166" />
        <source>客户卡片</source>
        <translation>Customer card</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="168" />
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="168" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="168" />
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="168" />
        <source>最近订单</source>
        <translation>Recent orders</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="171" />
        <location filename="../../ui/card/dialog.py" line="418" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="173" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="174" />
        <source>未进社群 · 可邀请加入门店社群</source>
        <translation>Not in the group · invite them</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="175" />
        <source>✓ 已保存</source>
        <translation>✓ Saved</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="236" />
        <source>资料只读：这位客户归 {0} 负责（可以加标签和跟进）</source>
        <translation>Profile read-only: {0}'s customer (tags and follow-ups can be added)</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="240" />
        <source>只读：这位客户归 {0} 负责</source>
        <translation>Read-only: this customer belongs to {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="241" />
        <source>只读：你不能修改这位客户</source>
        <translation>Read-only: you may not edit this customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="334" />
        <source>将自动同步到服务器</source>
        <translation>Will sync to the server automatically</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="410" />
        <source>这位客户的修改还没有保存。关闭前要保存吗？</source>
        <translation>Changes to this customer are not saved. Save before closing?</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="419" />
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="420" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="191" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="209" />
        <source>本地没有这位客户（可能已转给其他门店）</source>
        <translation>This customer is not in the local cache (perhaps moved to another store)</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="248" />
        <source>会员号 {0}</source>
        <translation>Member no. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="251" />
        <source>客户卡片 - {0}</source>
        <translation>Customer card - {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="254" />
        <source>读取失败：{0}</source>
        <translation>Could not load: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="289" />
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="296" />
        <source>正在检查是否已有这位客户…</source>
        <translation>Checking whether this customer already exists…</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="313" />
        <source>未保存：本店可能已有这位客户</source>
        <translation>Not saved: this store may already have this customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="326" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="351" />
        <location filename="../../ui/card/dialog.py" line="356" />
        <source>未保存：请按提示修改</source>
        <translation>Not saved: please correct the marked fields</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="359" />
        <source>保存失败：{0}</source>
        <translation>Save failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="386" />
        <source>未能忽略：{0}</source>
        <translation>Could not dismiss: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="409" />
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="44" />
        <source>姓名(备注)</source>
        <extracomment>Columns whose text may be longer than the column (elided "…"; the tooltip has it all). (column key, sort key sent to SQL)</extracomment>
        <translation>Name (remark)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="45" />
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="46" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="47" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="48" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="49" />
        <source>最近购买</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/model.py" line="50" />
        <source>所属导购</source>
        <translation>Owner</translation>
    </message>
</context>
<context>
    <name>DuplicateBanner</name>
    <message>
        <location filename="../../ui/card/duplicates.py" line="191" />
        <source>⚠ 疑似重复：服务器发现这位客户与下面这位客户的手机号或会员号相同。</source>
        <translation>⚠ Possible duplicate: the server found this customer has the same phone or member no. as the customer below.</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="195" />
        <source>⚠ 疑似重复：下面的客户与这位客户的手机号或会员号相同。</source>
        <translation>⚠ Possible duplicate: the customers below have the same phone or member no. as this customer.</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="197" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="199" />
        <source>不是同一人，忽略提示</source>
        <translation>Not the same person: dismiss</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="202" />
        <source>请店长核对（合并客户暂不支持）</source>
        <translation>A supervisor will check (merging customers is not supported yet)</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="207" />
        <source>（本地还没有这位客户）</source>
        <translation>(not on this PC yet)</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="208" />
        <source>导购 {0}</source>
        <translation>Guide {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="208" />
        <source>无所属导购</source>
        <translation>No owner guide</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="212" />
        <source>会员号相同</source>
        <translation>same member no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="214" />
        <source>手机号相同</source>
        <translation>same phone</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <location filename="../../ui/card/duplicates.py" line="123" />
        <source>⚠ 本店已有相同手机号或会员号的客户，可能是同一人：</source>
        <extracomment>Matches named one by one; more are counted. Longest name (with remark) shown in a match line.</extracomment>
        <translation>⚠ A customer of this store has the same phone or member no. and may be this person:</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="125" />
        <source>⚠ 本店可能已有这位客户：</source>
        <translation>⚠ This store may already have this customer:</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="127" />
        <source>打开已有客户</source>
        <translation>Open existing customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="129" />
        <source>另有 {0} 位相同的客户</source>
        <translation>{0} more customers match</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="132" />
        <source>其他导购的客户只显示手机号前三位和后四位，未必是同一人。</source>
        <translation>Other guides' customers show only the first 3 and last 4 digits: it may be someone else.</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="134" />
        <source>确认不是同一人时，可以继续。</source>
        <translation>If it is not the same person, go on.</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="139" />
        <source>导购 {0}</source>
        <translation>Guide {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="139" />
        <source>无所属导购</source>
        <translation>No owner guide</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="143" />
        <source>会员号相同</source>
        <translation>same member no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="145" />
        <source>手机号相同</source>
        <translation>same phone</translation>
    </message>
    <message>
        <location filename="../../ui/card/duplicates.py" line="146" />
        <source>手机号前三后四位相同</source>
        <translation>same first 3 and last 4 digits</translation>
    </message>
</context>
<context>
    <name>FiguresStrip</name>
    <message>
        <location filename="../../ui/card/figures.py" line="65" />
        <source>累计消费</source>
        <extracomment>What a figure the core does not know shows.</extracomment>
        <translation>Total spent</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="66" />
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="67" />
        <source>客单价</source>
        <translation>Avg. order</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="68" />
        <source>最近购买</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="69" />
        <source>来源渠道</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="70" />
        <source>负责导购</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="96" />
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="98" />
        <source>{0}天前</source>
        <translation>{0} days ago</translation>
    </message>
    <message>
        <location filename="../../ui/card/figures.py" line="100" />
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="107" />
        <source>基本</source>
        <extracomment>疑似重复 (the server's duplicate flag): for supervisors and HQ only</extracomment>
        <translation>Basics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="108" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="109" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="110" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="111" />
        <source>社群</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="116" />
        <source>本月生日</source>
        <translation>Birthday this month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="117" />
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="119" />
        <source>服务器发现手机号或会员号与本店其他客户相同的客户，请核对</source>
        <translation>Customers the server found sharing a phone or member no. with another customer of the store: please check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="121" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="125" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="126" />
        <source>已进社群</source>
        <translation>In group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="127" />
        <source>未进社群</source>
        <translation>Not in group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/filters.py" line="131" />
        <location filename="../../ui/pages/contacts/filters.py" line="133" />
        <location filename="../../ui/pages/contacts/filters.py" line="166" />
        <source>全部导购</source>
        <translation>All guides</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <location filename="../../ui/card/follow_ups.py" line="74" />
        <source>记录这次跟进的内容…</source>
        <translation>What happened in this follow-up…</translation>
    </message>
    <message>
        <location filename="../../ui/card/follow_ups.py" line="75" />
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/card/follow_ups.py" line="76" />
        <source>点「保存」记录这条跟进</source>
        <translation>Click Save to record this follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/card/follow_ups.py" line="88" />
        <source>(待上传)</source>
        <translation>(not yet uploaded)</translation>
    </message>
    <message>
        <location filename="../../ui/card/follow_ups.py" line="91" />
        <source>下次跟进：{0}</source>
        <translation>Next follow-up: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/follow_ups.py" line="94" />
        <source>还没有跟进记录</source>
        <translation>No follow-ups yet</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>普通</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>银卡</source>
        <translation>Silver</translation>
    </message>
    <message>
        <source>金卡</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>黑金</source>
        <translation>Black</translation>
    </message>
    <message>
        <source>新客</source>
        <translation>New</translation>
    </message>
    <message>
        <source>活跃</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>沉睡</source>
        <translation>Dormant</translation>
    </message>
    <message>
        <source>流失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>私聊</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>社群</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>到店</source>
        <translation>Store visit</translation>
    </message>
    <message>
        <source>天猫</source>
        <translation>Tmall</translation>
    </message>
    <message>
        <source>京东</source>
        <translation>JD</translation>
    </message>
    <message>
        <source>有赞</source>
        <translation>Youzan</translation>
    </message>
    <message>
        <source>抖音</source>
        <translation>Douyin</translation>
    </message>
    <message>
        <source>门店POS</source>
        <translation>Store POS</translation>
    </message>
    <message>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>已发货</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>已退款</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>店长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>总部</source>
        <translation>HQ</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../ui/log_view.py" line="38" />
        <source>运行日志</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../ui/log_view.py" line="44" />
        <source>日志文件：{0}</source>
        <translation>Log file: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="204" />
        <source>已找回 {0} 条未上传的修改</source>
        <extracomment>The page shown first. 文件 → 切换账号… (False, False) / 退出登录 (True, remove this account's local data): the keeper ends this session (ui.signin_dialog.SessionKeeper) 退出登录's question while it is open F5's cycle: None, "asked" (before it starts) or "running"</extracomment>
        <translation>Recovered {0} changes not yet uploaded</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266" />
        <source>导购工作台</source>
        <translation>Guide Workstation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="271" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272" />
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273" />
        <source>切换账号…</source>
        <translation>Switch account…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <location filename="../../ui/main_window.py" line="487" />
        <location filename="../../ui/main_window.py" line="492" />
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="276" />
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277" />
        <source>运行日志</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278" />
        <source>需要处理的修改</source>
        <translation>Edits needing attention</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="279" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280" />
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286" />
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333" />
        <source>同步完成</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="480" />
        <source>退出后，下次需要输入密码才能登录。</source>
        <translation>After signing out, the password is asked at the next sign-in.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483" />
        <source>还有 {0} 条修改未上传，会保留在本机，该账号下次登录时上传。</source>
        <translation>{0} changes are not uploaded yet: they stay on this PC and are uploaded when this account signs in again.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="493" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="494" />
        <source>同时删除本机保存的该账号数据</source>
        <translation>Also remove this account's data from this PC</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="578" />
        <source>修改已保存在本机</source>
        <translation>Changes kept on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="579" />
        <source>有 {0} 条修改尚未上传，已安全保存在本机，下次联网时自动上传</source>
        <translation>{0} changes are not uploaded yet. They are safely kept on this PC and upload automatically when you are next online</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304" />
        <source>登录已失效，请重新登录（本机修改已保留）</source>
        <translation>Your sign-in has expired; please sign in again (local edits are kept)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317" />
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379" />
        <source>{0}：即将推出</source>
        <translation>{0}: coming soon</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388" />
        <source>查找失败：{0}</source>
        <translation>Lookup failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393" />
        <source>没有找到编号 {0}</source>
        <translation>No member or order numbered {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="456" />
        <source>读取订单失败：{0}</source>
        <translation>Could not load the order: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="461" />
        <source>本地没有这笔订单</source>
        <translation>This order is not in the local cache</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="542" />
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="543" />
        <source>还有 {0} 张客户卡片未保存，确定退出吗？</source>
        <translation>{0} customer cards have unsaved changes. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <location filename="../../ui/new_customer.py" line="41" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/new_customer.py" line="50" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/new_customer.py" line="51" />
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/new_customer.py" line="52" />
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <location filename="../../ui/new_customer.py" line="53" />
        <source>备注名</source>
        <translation>Remark name</translation>
    </message>
    <message>
        <location filename="../../ui/new_customer.py" line="54" />
        <source>仍然新建</source>
        <translation>Create anyway</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <location filename="../../ui/card/orders.py" line="124" />
        <source>订单 {0}</source>
        <translation>Order {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="133" />
        <source>打开客户卡片</source>
        <translation>Open the customer's card</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="139" />
        <source>未关联客户</source>
        <translation>No customer linked</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="141" />
        <source>不在本机（其他门店的客户）</source>
        <translation>Not on this PC (another store's customer)</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="145" />
        <source>所属客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="146" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="147" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="148" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="149" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="150" />
        <source>付款时间</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="152" />
        <source>物流单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="155" />
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="155" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="155" />
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="155" />
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
</context>
<context>
    <name>OrdersTable</name>
    <message>
        <location filename="../../ui/card/orders.py" line="72" />
        <source>时间</source>
        <extracomment>Added to each fitted column so neighbouring texts do not touch.</extracomment>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="73" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="74" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="75" />
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="76" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="77" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/pages/tasks/__init__.py" line="12" />
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/__init__.py" line="12" />
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/__init__.py" line="13" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/__init__.py" line="12" />
        <source>话术素材</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/__init__.py" line="28" />
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/__init__.py" line="26" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="27" />
        <source>即将推出</source>
        <translation>Coming soon</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../ui/card/profile.py" line="105" />
        <source>姓名</source>
        <extracomment>Fields a guide edits here (names are the protocol's ``CustomerUpdate`` fields).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="106" />
        <source>备注名</source>
        <translation>Remark name</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="107" />
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="108" />
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="109" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="110" />
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="111" />
        <source>社群</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="112" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="116" />
        <source>已进社群</source>
        <translation>In group</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="127" />
        <source>仅所属导购和店长可查看完整手机号</source>
        <translation>Only the owner guide and supervisors see the whole number</translation>
    </message>
    <message>
        <location filename="../../ui/card/profile.py" line="161" />
        <source>生日格式应为 YYYY-MM-DD，例如 1990-05-20</source>
        <translation>Birthday must be YYYY-MM-DD, e.g. 1990-05-20</translation>
    </message>
</context>
<context>
    <name>RemoteCustomerDialog</name>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="344" />
        <source>客户 (总部只读)</source>
        <translation>Customer (HQ, read-only)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="346" />
        <source>正在从服务器读取…</source>
        <translation>Reading from the server…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="351" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="351" />
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="351" />
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="354" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="355" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="356" />
        <source>付款时间</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="357" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="358" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="366" />
        <source>跟进记录 (最近)</source>
        <translation>Follow-ups (latest)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="368" />
        <source>订单 (最近)</source>
        <translation>Orders (latest)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="395" />
        <source>{0} · {1} (总部只读)</source>
        <translation>{0} · {1} (HQ, read-only)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="397" />
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="398" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="399" />
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="400" />
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="401" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="402" />
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="403" />
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="404" />
        <source>累计消费</source>
        <translation>Total spent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="406" />
        <source>最近购买</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="412" />
        <source>备注: {0}</source>
        <translation>Notes: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="415" />
        <source>标签: {0}</source>
        <translation>Tags: {0}</translation>
    </message>
</context>
<context>
    <name>RemoteCustomerModel</name>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="81" />
        <source>姓名</source>
        <extracomment>Typing pauses this long before the server is asked (a round trip, not a local query). Customers asked for per page (the table asks for the next as it is scrolled).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="82" />
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="83" />
        <source>手机</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="84" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="85" />
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="86" />
        <source>最近购买</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="87" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
</context>
<context>
    <name>RemoteCustomersView</name>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="228" />
        <source>在全部门店中搜索客户: 姓名 / 手机号或尾号 / 会员号</source>
        <translation>Search customers of every store: name / phone or its last digits / member no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="230" />
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="232" />
        <location filename="../../ui/pages/contacts/remote.py" line="253" />
        <source>全部门店</source>
        <translation>All stores</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="271" />
        <source>正在查询服务器…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="292" />
        <source>没有找到客户</source>
        <translation>No customers found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="294" />
        <source>已显示 {0} 位, 向下滚动显示更多</source>
        <translation>{0} shown, scroll down for more</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/remote.py" line="296" />
        <source>共 {0} 位客户</source>
        <translation>{0} customers</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../ui/search/box.py" line="57" />
        <source>搜索客户、订单、话术… 姓名/拼音/手机尾号/会员号 (Ctrl+K)</source>
        <translation>Search customers, orders, scripts… name/pinyin/phone tail/member no. (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/search/box.py" line="130" />
        <source>搜索失败：{0}</source>
        <translation>Search failed: {0}</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <location filename="../../ui/search/results.py" line="22" />
        <source>客户</source>
        <extracomment>The subtitle column's largest share of the overlay's width.</extracomment>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="23" />
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="24" />
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="25" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="26" />
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ui/search/results.py" line="83" />
        <source>没有找到“{0}”</source>
        <translation>Nothing found for “{0}”</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="90" />
        <source>设置</source>
        <extracomment>The server field fits an address this long (or the current one, if longer).</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="92" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="93" />
        <source>同步间隔</source>
        <translation>Sync interval</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94" />
        <source>离线素材缓存上限</source>
        <translation>Offline material cache limit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="95" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="100" />
        <source>修改服务器地址后，下次登录时生效</source>
        <translation>A new server address takes effect at the next sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="101" />
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103" />
        <source>修改服务器地址后需重新登录才会生效</source>
        <translation>A new server address takes effect at the next sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="108" />
        <source>服务器地址格式不对，应类似 http://192.168.1.10:8765</source>
        <translation>The server address should look like http://192.168.1.10:8765</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="46" />
        <source>搜索 (客户/订单/话术…)</source>
        <extracomment>The window's own shortcuts around the pages' (``page_&lt;key&gt;`` and page actions come from the page registry, between ``_BEFORE_PAGES`` and ``_AFTER_PAGES``).</extracomment>
        <translation>Search (customers/orders/scripts…)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="48" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/__init__.py" line="39" />
        <source>显示/隐藏客户筛选</source>
        <translation>Show/hide customer filters</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/__init__.py" line="42" />
        <source>打开选中的客户</source>
        <translation>Open the selected customer</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="50" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="51" />
        <source>需要处理的修改</source>
        <translation>Edits needing attention</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="52" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="53" />
        <source>运行日志</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="54" />
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="55" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="56" />
        <source>客户卡片：保存</source>
        <translation>Customer card: save</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="57" />
        <source>关闭卡片/对话框、收起搜索结果</source>
        <translation>Close card/dialog, hide search results</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="91" />
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="94" />
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="94" />
        <source>功能</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin_dialog.py" line="105" />
        <source>登录导购工作台</source>
        <extracomment>The demo chain's sign-ins (seeded by ``guide-server demo``), shown with ``--demo``.</extracomment>
        <translation>Sign in to Guide Workstation</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="106" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="106" />
        <source>账号</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="106" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="110" />
        <source>演示账号（点击即登录）:</source>
        <translation>Demo accounts (click to sign in):</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="114" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="115" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="119" />
        <source>登录已失效，请重新登录（本机修改已保留）</source>
        <translation>Your sign-in has expired; please sign in again (local edits are kept)</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="140" />
        <source>正在恢复上次登录…</source>
        <translation>Resuming your last sign-in…</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="163" />
        <source>服务器地址格式不对，应类似 http://192.168.1.10:8765</source>
        <translation>The server address should look like http://192.168.1.10:8765</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="166" />
        <source>请输入账号</source>
        <translation>Enter the username</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="169" />
        <source>请输入密码</source>
        <translation>Enter the password</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="185" />
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="220" />
        <source>账号或密码错误，请重新输入。</source>
        <translation>Wrong username or password. Please try again.</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="223" />
        <source>无法连接服务器 {0}，且本机没有该账号的离线数据（需先联网登录一次）。</source>
        <translation>Cannot reach {0}, and this PC has no offline data for the account (sign in online once first).</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="226" />
        <source>无法连接服务器 {0}，请检查地址和网络。</source>
        <translation>Cannot reach {0}. Check the address and the network.</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="228" />
        <source>该设备的登录已被撤销，请联网重新登录。</source>
        <translation>This device's sign-in was revoked. Please sign in again online.</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="230" />
        <source>尝试次数过多，请稍后再试。</source>
        <translation>Too many attempts. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="232" />
        <source>系统密钥环不可用，无法安全保存登录状态。请联系管理员。</source>
        <translation>No system keyring is available to keep the sign-in safely. Please contact your admin.</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="234" />
        <source>此账户已在本机另一个窗口中打开，请切换到那个窗口，或关闭它后再登录。</source>
        <translation>This account is already open in another window on this PC. Switch to that window, or close it and sign in again.</translation>
    </message>
    <message>
        <location filename="../../ui/signin_dialog.py" line="236" />
        <source>登录失败：{0}</source>
        <translation>Sign-in failed: {0}</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="58" />
        <source>立即同步 (F5)</source>
        <extracomment>The local cache is damaged and will be rebuilt at the next start.</extracomment>
        <translation>Sync now (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="59" />
        <source>需要处理的修改，点击查看</source>
        <translation>Edits needing attention; click to see them</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67" />
        <source>连接中…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="77" />
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="80" />
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="84" />
        <source>另一窗口正在同步</source>
        <translation>Another window is syncing</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="88" />
        <source>上次同步 {0}</source>
        <translation>Last sync {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="90" />
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="92" />
        <source>待上传 {0}</source>
        <translation>Pending {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="94" />
        <source>需处理 {0}</source>
        <translation>Needs attention {0}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="98" />
        <source>⚠ 本地缓存需重建</source>
        <translation>⚠ Local cache needs rebuilding</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="108" />
        <source>无法同步：{0}。将于 {1} 自动重试</source>
        <translation>Could not sync: {0}. Retrying automatically at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="131" />
        <source>同步中 %v/%m</source>
        <translation>Syncing %v/%m</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="134" />
        <source>同步中 {0} 条</source>
        <translation>Syncing: {0} rows</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="135" />
        <source>已接收 {0} 条</source>
        <translation>{0} rows received</translation>
    </message>
</context>
<context>
    <name>TagsEditor</name>
    <message>
        <location filename="../../ui/card/tags_editor.py" line="42" />
        <source> (单选)</source>
        <translation> (single choice)</translation>
    </message>
    <message>
        <location filename="../../ui/card/tags_editor.py" line="54" />
        <source>不设置</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/pages/today/page.py" line="82" />
        <source>你好，{0}</source>
        <extracomment>Tiles in order, by ``TodayCounts`` field. The store row (a supervisor's), by ``StoreCounts`` field. a supervisor's 今日 leads with the store (session.today().store)</extracomment>
        <translation>Hello, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="84" />
        <source>我的客户</source>
        <translation>My customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="85" />
        <source>待开始任务</source>
        <translation>Tasks to start</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="86" />
        <source>进行中任务</source>
        <translation>Tasks in progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="87" />
        <source>待上传修改</source>
        <translation>Edits to upload</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="92" />
        <source>门店客户数</source>
        <translation>Store customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="93" />
        <source>本店待审核</source>
        <translation>Store: to review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="94" />
        <source>本店今日跟进</source>
        <translation>Store: follow-ups today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="95" />
        <source>疑似重复客户</source>
        <translation>Suspected duplicates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="100" />
        <source>本店</source>
        <translation>My store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="101" />
        <source>我的</source>
        <translation>Mine</translation>
    </message>
</context>
</TS>