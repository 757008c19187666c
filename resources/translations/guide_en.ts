<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ui/materials/thumb_loader.py" line="42" />
        <location filename="../../ui/materials/thumbs.py" line="106" />
        <location filename="../../ui/materials/thumbs.py" line="117" />
        <location filename="../../ui/materials/thumbs.py" line="126" />
        <location filename="../../ui/materials/thumbs.py" line="133" />
        <location filename="../../ui/materials/thumbs.py" line="147" />
        <location filename="../../ui/materials/thumbs.py" line="152" />
        <location filename="../../ui/materials/thumbs.py" line="155" />
        <source>无法预览</source>
        <extracomment>``QImage.text(TILE_KEY)`` of a drawn tile: "icon" or "placeholder" (pictures have none).</extracomment>
        <translation>No preview</translation>
    </message>
    <message>
        <location filename="../../ui/materials/thumb_loader.py" line="49" />
        <source>未下载到本机</source>
        <translation>Not downloaded to this PC</translation>
    </message>
    <message>
        <location filename="../../ui/materials/poster.py" line="53" />
        <source>请先在 设置 → 我的企微二维码 中上传二维码</source>
        <extracomment>Families tried in order for the name and store (one with Chinese glyphs on each platform).</extracomment>
        <translation>Upload your QR code first in Settings → My WeCom QR code</translation>
    </message>
    <message>
        <location filename="../../ui/materials/poster.py" line="54" />
        <source>海报模板未下载, 需要联网</source>
        <translation>The poster template is not downloaded; a network connection is needed</translation>
    </message>
    <message>
        <location filename="../../ui/materials/poster.py" line="55" />
        <source>二维码图片无法读取，请在 设置 → 我的企微二维码 中重新上传</source>
        <translation>Your QR code image cannot be read; upload it again in Settings → My WeCom QR code</translation>
    </message>
    <message>
        <location filename="../../ui/materials/poster.py" line="56" />
        <source>海报模板图片已损坏，无法生成海报</source>
        <translation>The poster template image is damaged; the poster cannot be made</translation>
    </message>
    <message>
        <location filename="../../ui/materials/poster.py" line="57" />
        <source>二维码图片未下载, 需要联网</source>
        <translation>The QR code image is not downloaded; a network connection is needed</translation>
    </message>
    <message>
        <location filename="../../ui/materials/poster.py" line="58" />
        <source>这个素材没有设置二维码的位置，不能生成海报</source>
        <translation>This material has no place for the QR code, so no poster can be made</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="70" />
        <source>选择客户</source>
        <translation>Choose customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="72" />
        <source>姓名、拼音、手机后4位或会员号</source>
        <translation>Name, pinyin, last 4 phone digits or member no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="109" />
        <source>没有找到客户</source>
        <translation>No customers found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="119" />
        <source>请先选择一位客户</source>
        <translation>Please select a customer first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="252" />
        <location filename="../../ui/pages/orders/matches.py" line="325" />
        <source>付款时间</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="253" />
        <location filename="../../ui/pages/orders/matches.py" line="326" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="254" />
        <location filename="../../ui/pages/orders/matches.py" line="327" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="255" />
        <location filename="../../ui/pages/orders/matches.py" line="328" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="256" />
        <location filename="../../ui/pages/orders/matches.py" line="329" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="257" />
        <location filename="../../ui/pages/orders/matches.py" line="330" />
        <source>买家手机</source>
        <translation>Buyer phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="258" />
        <source>建议客户</source>
        <translation>Suggested customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="259" />
        <source>客户手机</source>
        <translation>Customer phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="260" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="265" />
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="266" />
        <source>拒绝</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="267" />
        <source>选择其他客户…</source>
        <translation>Choose another customer…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="288" />
        <source>共 {0} 条待确认</source>
        <translation>{0} suggestions to confirm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="290" />
        <source>没有待确认的匹配</source>
        <translation>No suggested matches</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="331" />
        <source>建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="336" />
        <source>选择客户…</source>
        <translation>Choose customer…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="351" />
        <source>{0} 个待确认</source>
        <translation>{0} to confirm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="355" />
        <source>共 {0} 个未匹配订单</source>
        <translation>{0} unmatched orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="357" />
        <source>没有未匹配的订单</source>
        <translation>No unmatched orders</translation>
    </message>
</context>
<context>
    <name>AssignmentPanel</name>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="104" />
        <source>提交审核</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="105" />
        <source>撤回提交</source>
        <translation>Take back submission</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="106" />
        <source>在左侧选择一个任务</source>
        <translation>Choose a task on the left</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="148" />
        <source>开始 {0}</source>
        <translation>Starts {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="149" />
        <source>截止 {0}</source>
        <translation>Due {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="149" />
        <source>无截止时间</source>
        <translation>No due time</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="150" />
        <source>完成 {0}/{1}</source>
        <translation>Done {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="155" />
        <source>已退回，原因：{0}</source>
        <translation>Sent back: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="157" />
        <source>任务已修改：{0}</source>
        <translation>Task changed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="185" />
        <source>已提交，等待店长审核</source>
        <translation>Submitted, waiting for the manager's review</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="190" />
        <source>不能提交：{0}</source>
        <translation>Cannot submit: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="201" />
        <source>不能撤回：{0}</source>
        <translation>Cannot take back: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/assignment_panel.py" line="205" />
        <source>已撤回提交，可以继续修改</source>
        <translation>Submission taken back; you can keep editing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="151" />
        <source>通过</source>
        <extracomment>True while a decision is being written (tests wait for it).</extracomment>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="152" />
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="153" />
        <source>退回原因 (导购会看到)</source>
        <translation>Reason for sending back (the guide sees it)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="154" />
        <source>知道了</source>
        <translation>Got it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="172" />
        <source>选择一位导购的任务查看</source>
        <translation>Pick a guide's assignment to see it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="183" />
        <source>服务器未接受这次审核: {0}</source>
        <translation>The server did not take this review: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="186" />
        <source>上次退回原因: {0}</source>
        <translation>Last sent back because: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="229" />
        <source>已通过，将同步到服务器</source>
        <translation>Approved; it goes to the server with the next sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="229" />
        <source>已退回，将同步到服务器</source>
        <translation>Sent back; it goes to the server with the next sync</translation>
    </message>
</context>
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
    <name>Clips</name>
    <message>
        <location filename="../../ui/library_widgets/clips.py" line="49" />
        <source>“{0}”不是有效的图片，无法复制</source>
        <extracomment>A 朋友圈 post takes at most nine images. made on a worker when its turn comes (a poster drawn for the guide) set instead of ``ready``/``sha`` when the item can never be copied (says why)</extracomment>
        <translation>“{0}” is not a valid image and cannot be copied</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/clips.py" line="90" />
        <source>{0} 图{1}</source>
        <translation>{0} picture {1}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/clips.py" line="100" />
        <source>“{0}”没有可复制的内容</source>
        <translation>“{0}” has nothing to copy</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="218" />
        <source>我的客户</source>
        <extracomment>QSettings key of the list's column layout ("v2": the tags column stretches; a layout saved by an older version, with the last column stretched, is not reused). Room beside a header title: section padding (style.qss) and the sort arrow. Room beside a cell's text: the item's margins. The 保存筛选 dialog fits a name this many Chinese characters long (20: a roomy dialog). 导入会员: HQ and a store's supervisor (guide_core.rules.members) the selection the named saved filter put on the panel (None while applying) HQ: customers of every store, read from the server (its cache holds none).</extracomment>
        <translation>My customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="219" />
        <source>全店客户</source>
        <translation>All store customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="220" />
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="221" />
        <source>显示/隐藏筛选 (Ctrl+F)</source>
        <translation>Show/hide filters (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="223" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="225" />
        <location filename="../../ui/pages/contacts/page.py" line="346" />
        <source>保存筛选</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="226" />
        <source>导入会员</source>
        <translation>Import members</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="228" />
        <location filename="../../ui/pages/contacts/page.py" line="338" />
        <source>保存的筛选…</source>
        <translation>Saved filters…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="314" />
        <source>共 {0} 位客户</source>
        <translation>{0} customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/page.py" line="347" />
        <source>为当前筛选起个名字：</source>
        <translation>Name this filter:</translation>
    </message>
</context>
<context>
    <name>CopyFlow</name>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="88" />
        <source>第{0}/{1}项：{2}</source>
        <extracomment>the script's rendering (for the preview's marks), when there was one</extracomment>
        <translation>Item {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="110" />
        <source>缺少变量：{0}。请在预览中补上后再复制，或选择客户</source>
        <translation>Missing variables: {0}. Fill them in the preview before copying, or choose a customer</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="136" />
        <source>本机没有这个素材（可能已下架）</source>
        <translation>This material is not on this PC (it may have been withdrawn)</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="150" />
        <source>没有下一项</source>
        <translation>No next item</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="157" />
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="160" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="160" />
        <source>这一项的素材本机没有（可能已下架）</source>
        <translation>This item's material is not on this PC (it may have been withdrawn)</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="177" />
        <source>不能复制：包含禁用词 {0}</source>
        <translation>Cannot copy: contains the blocked words {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="184" />
        <source>已取消复制</source>
        <translation>Copy cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="190" />
        <source>敏感词提醒</source>
        <translation>Sensitive words</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="191" />
        <source>内容包含需注意的词：{0}
确定要复制吗？</source>
        <translation>The text contains words to be careful with: {0}
Copy it anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="196" />
        <source>仍然复制</source>
        <translation>Copy anyway</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="197" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="236" />
        <source>正在生成“{0}”…</source>
        <translation>Making “{0}”…</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="247" />
        <source>“{0}”的文件不在本机，离线时无法复制</source>
        <translation>The file of “{0}” is not on this PC and cannot be copied offline</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="251" />
        <source>正在下载“{0}”…</source>
        <translation>Downloading “{0}”…</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="264" />
        <source>下载失败：{0}</source>
        <translation>Download failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="278" />
        <source>已复制{0}，粘贴后按 Ctrl+Shift+C 复制下一项</source>
        <translation>Copied {0}; after pasting, press Ctrl+Shift+C for the next item</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/copy_flow.py" line="281" />
        <source>已复制，可以粘贴到企业微信</source>
        <translation>Copied, ready to paste into WeCom</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <location filename="../../ui/card/dialog.py" line="105" />
        <source>仍然保存</source>
        <extracomment>What a card shows: it reloads when the sync brings changes of these. Follow-up fields a refusal may name (shown under the follow-up form). How long "已保存" stays after a save.</extracomment>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="172" />
        <source>客户卡片</source>
        <translation>Customer card</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="174" />
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="174" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="174" />
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="174" />
        <source>最近订单</source>
        <translation>Recent orders</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="177" />
        <location filename="../../ui/card/dialog.py" line="444" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="179" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="180" />
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="182" />
        <source>未进社群 · 可邀请加入门店社群</source>
        <translation>Not in the group · invite them</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="183" />
        <source>✓ 已保存</source>
        <translation>✓ Saved</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="249" />
        <source>资料只读：这位客户归 {0} 负责（可以加标签和跟进）</source>
        <translation>Profile read-only: {0}'s customer (tags and follow-ups can be added)</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="253" />
        <source>只读：这位客户归 {0} 负责</source>
        <translation>Read-only: this customer belongs to {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="254" />
        <source>只读：你不能修改这位客户</source>
        <translation>Read-only: you may not edit this customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="347" />
        <source>将自动同步到服务器</source>
        <translation>Will sync to the server automatically</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="436" />
        <source>这位客户的修改还没有保存。关闭前要保存吗？</source>
        <translation>Changes to this customer are not saved. Save before closing?</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="445" />
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="446" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="199" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="217" />
        <source>本地没有这位客户（可能已转给其他门店）</source>
        <translation>This customer is not in the local cache (perhaps moved to another store)</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="261" />
        <source>会员号 {0}</source>
        <translation>Member no. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="264" />
        <source>客户卡片 - {0}</source>
        <translation>Customer card - {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="267" />
        <source>读取失败：{0}</source>
        <translation>Could not load: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="302" />
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="309" />
        <source>正在检查是否已有这位客户…</source>
        <translation>Checking whether this customer already exists…</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="326" />
        <source>未保存：本店可能已有这位客户</source>
        <translation>Not saved: this store may already have this customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="339" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="364" />
        <location filename="../../ui/card/dialog.py" line="369" />
        <source>未保存：请按提示修改</source>
        <translation>Not saved: please correct the marked fields</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="372" />
        <source>保存失败：{0}</source>
        <translation>Save failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="412" />
        <source>未能忽略：{0}</source>
        <translation>Could not dismiss: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/dialog.py" line="435" />
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
</context>
<context>
    <name>CustomerField</name>
    <message>
        <location filename="../../ui/library_widgets/customer_field.py" line="45" />
        <source>客户（可选）：姓名/拼音/手机尾号</source>
        <translation>Customer (optional): name / pinyin / last phone digits</translation>
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
    <name>Evidence</name>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="27" />
        <source>图片</source>
        <extracomment>The largest evidence photo taken (the server's blob limit is 50 MiB; a photo of a shelf needs far less, and every store PC uploads it). Files named in a drop or a file dialog that are read at all (anything bigger is refused unread).</extracomment>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="42" />
        <source>“{0}”是空文件，不是图片</source>
        <translation>"{0}" is an empty file, not a picture</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="46" />
        <location filename="../../ui/tasks_widgets/evidence.py" line="81" />
        <source>“{0}”有 {1}，凭证照片不能超过 {2}</source>
        <translation>"{0}" is {1}; evidence photos may be at most {2}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="59" />
        <source>“{0}”不是可识别的图片（支持 PNG、JPG 等）</source>
        <translation>"{0}" is not a picture we can read (PNG, JPG and the like)</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="73" />
        <location filename="../../ui/tasks_widgets/evidence.py" line="89" />
        <source>无法读取“{0}”：{1}</source>
        <translation>Cannot read "{0}": {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="78" />
        <source>“{0}”不是文件</source>
        <translation>"{0}" is not a file</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="109" />
        <source>粘贴的图片太大，凭证照片不能超过 {0}</source>
        <translation>The pasted picture is too large; evidence photos may be at most {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="121" />
        <source>剪贴板里没有图片</source>
        <translation>There is no picture on the clipboard</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/evidence.py" line="131" />
        <source>剪贴板里没有图片（可以先截图或复制一张照片）</source>
        <translation>There is no picture on the clipboard (take a screenshot or copy a photo first)</translation>
    </message>
</context>
<context>
    <name>EvidenceDialog</name>
    <message>
        <location filename="../../ui/pages/review/evidence.py" line="81" />
        <source>凭证照片</source>
        <translation>Evidence photo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/evidence.py" line="90" />
        <source>照片不在本机，联网后再试</source>
        <translation>The photo is not on this PC; try again when online</translation>
    </message>
</context>
<context>
    <name>EvidenceThumb</name>
    <message>
        <location filename="../../ui/pages/review/evidence.py" line="56" />
        <source>点击查看原图</source>
        <translation>Click to see the full photo</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <location filename="../../ui/figures_panel.py" line="138" />
        <source>客群资产数</source>
        <extracomment>Tiles in order (keys of :func:`_tile_values`). The supervisor's table: place and guide, then the tiles' figures. Sorted by a click on a column's header (largest first, again: smallest first). Qt's own sorting would widen every column by a sort arrow: too wide for 320 px.</extracomment>
        <translation>Reachable customers</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="139" />
        <source>本周触达</source>
        <translation>Reached this week</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="140" />
        <source>本周跟进 完成/到期</source>
        <translation>Follow-ups this week, done/due</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="141" />
        <source>任务完成率（近30天）</source>
        <translation>Tasks done (last 30 days)</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="145" />
        <source>本店业绩</source>
        <translation>Store figures</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="145" />
        <source>我的业绩</source>
        <translation>My figures</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="153" />
        <source>本店排名 —</source>
        <translation>Store ranking —</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="156" />
        <source>本店排名 第 {0} / {1}</source>
        <translation>Store ranking: {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="159" />
        <source>客群资产数：有完整手机号或已进社群的客户。排名先比本周触达，再比任务完成率。</source>
        <translation>Reachable customers: those with a whole phone number or in the group. The ranking compares reach this week first, then tasks done.</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="163" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="164" />
        <source>资产</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="165" />
        <source>周触达</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="166" />
        <source>跟进</source>
        <translation>F-up</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="167" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="174" />
        <source>名次 导购（按本店排名排序）</source>
        <translation>Place and guide (sorted by the store ranking)</translation>
    </message>
    <message>
        <location filename="../../ui/figures_panel.py" line="204" />
        <source>业绩读取失败：{0}</source>
        <translation>Could not read the figures: {0}</translation>
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
    <name>GroupTree</name>
    <message>
        <location filename="../../ui/library_widgets/group_tree.py" line="27" />
        <source>全部分组</source>
        <translation>All groups</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../ui/pages/handover/page.py" line="37" />
        <source>离职继承</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/page.py" line="39" />
        <source>重复客户合并</source>
        <translation>Merge duplicate customers</translation>
    </message>
</context>
<context>
    <name>HandoverReportDialog</name>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="86" />
        <source>交接记录</source>
        <translation>Handover records</translation>
    </message>
</context>
<context>
    <name>HandoverReportTable</name>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="47" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="48" />
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="49" />
        <source>离职导购</source>
        <translation>Leaving guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="50" />
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="51" />
        <source>接收人</source>
        <translation>Receivers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="56" />
        <source>读取中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="65" />
        <source>{0} {1} 位</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="76" />
        <source>共 {0} 次交接</source>
        <translation>{0} handovers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/report_dialog.py" line="80" />
        <source>读取失败：{0}</source>
        <translation>Could not load: {0}</translation>
    </message>
</context>
<context>
    <name>HandoverTab</name>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="121" />
        <source>导购离职时，把TA的客户（连同备注、标签、跟进记录和订单）交给本店同事。可以离线办理，同步之前可以撤销。</source>
        <extracomment>asked before queuing (a test answers for the person): text → yes/no</extracomment>
        <translation>When a guide leaves, hand their customers (with notes, tags, follow-ups and orders) to colleagues of the store. Works offline; can be undone until the next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="125" />
        <source>离职导购</source>
        <translation>Leaving guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="126" />
        <source>分配方式</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="127" />
        <location filename="../../ui/pages/handover/handover_tab.py" line="132" />
        <source>接收人</source>
        <translation>Receivers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="128" />
        <location filename="../../ui/pages/handover/handover_tab.py" line="129" />
        <source>按标签</source>
        <translation>By tag</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="129" />
        <source>平均分配</source>
        <translation>Evenly</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="129" />
        <source>手动选择</source>
        <translation>By hand</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="131" />
        <source>添加规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="132" />
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="133" />
        <source>确认交接…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="134" />
        <source>撤销（尚未同步）</source>
        <translation>Undo (not yet synced)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="135" />
        <source>交接记录</source>
        <translation>Handover records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="153" />
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="157" />
        <source>（已停用）</source>
        <translation> (deactivated)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="269" />
        <source>（不交接）</source>
        <translation>(keep)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="278" />
        <source>（未分配）</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="281" />
        <source>{0} {1} 位</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="284" />
        <source>共 {0} 位客户，已分配 {1} 位</source>
        <translation>{0} customers, {1} assigned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="288" />
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="290" />
        <source>；{0} 位未分配，仍归离职导购</source>
        <translation>; {0} not assigned stay with the leaving guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="295" />
        <location filename="../../ui/pages/handover/handover_tab.py" line="321" />
        <source>未完成：{0}</source>
        <translation>Not done: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="307" />
        <source>未完成：请先选择离职导购</source>
        <translation>Not done: choose the leaving guide first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="325" />
        <source>建议接收人用话术「{0}」向客户介绍自己。</source>
        <translation>Receivers may introduce themselves with the script “{0}”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="333" />
        <source>已交接：{0} 的 {1} 位客户（等待同步，同步前可撤销）</source>
        <translation>Handed over: {1} customers of {0} (waiting to sync; can be undone until then)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/handover_tab.py" line="349" />
        <source>已撤销：{0} 位客户已归还</source>
        <translation>Undone: {0} customers given back</translation>
    </message>
</context>
<context>
    <name>HitList</name>
    <message>
        <location filename="../../ui/library_widgets/hit_list.py" line="66" />
        <source>话术</source>
        <extracomment>a mark after the title (★ 收藏, 我的, 待处理 …)</extracomment>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/hit_list.py" line="67" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
</context>
<context>
    <name>HqBoardTab</name>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="86" />
        <source>按门店</source>
        <extracomment>The ranking's groupings, in the combo's order.</extracomment>
        <translation>By store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="86" />
        <source>按区域</source>
        <translation>By region</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="86" />
        <source>按导购</source>
        <translation>By guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="92" />
        <source>全部区域</source>
        <translation>All regions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="97" />
        <source>最近周数</source>
        <translation>Last weeks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="98" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="101" />
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="102" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="103" />
        <source>门店 / 区域</source>
        <translation>Store / region</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="104" />
        <source>应完成</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="105" />
        <location filename="../../ui/pages/review/hq_board.py" line="170" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="106" />
        <source>通过率</source>
        <translation>Approval rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="116" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="137" />
        <source>{0} 至 {1}，按完成率排名</source>
        <translation>{0} to {1}, ranked by completion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/hq_board.py" line="159" />
        <location filename="../../ui/pages/review/hq_board.py" line="174" />
        <source>这段时间没有到期的任务</source>
        <translation>Nothing was due in this period</translation>
    </message>
</context>
<context>
    <name>ImportTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="72" />
        <source>选择要导入的 .xlsx 或 .csv 文件</source>
        <extracomment>The columns of an import file, as the server reads them.</extracomment>
        <translation>Choose an .xlsx or .csv file to import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="73" />
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="74" />
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="75" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="76" />
        <source>导出话术…</source>
        <translation>Export scripts…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="79" />
        <source>文件的列: {0}。先检查, 没有问题再导入; 有任何一行出错时不会导入任何内容。</source>
        <translation>File columns: {0}. Check first, then import; if any row is wrong, nothing is imported.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="82" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="82" />
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="82" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="93" />
        <source>导入话术</source>
        <translation>Import scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="93" />
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="112" />
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="112" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="129" />
        <source>{0}: 共 {1} 行; 新建 {2}, 更新 {3}, 未变 {4}, 新建分组 {5}</source>
        <translation>{0}: {1} rows; {2} new, {3} updated, {4} unchanged, {5} new groups</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="138" />
        <source> (编码 {0})</source>
        <translation> (encoding {0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="140" />
        <source>发现 {0} 处问题, 没有导入任何内容:</source>
        <translation>{0} problems found, nothing was imported:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="143" />
        <source>检查通过, 可以导入。</source>
        <translation>Check passed, ready to import.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="146" />
        <source>导入完成。</source>
        <translation>Import finished.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="152" />
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="161" />
        <source>导出话术</source>
        <translation>Export scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="161" />
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/import_tab.py" line="173" />
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="136" />
        <source>备注（完成情况、客户反馈等）</source>
        <extracomment>a photo taken for this item, in the blob cache, not yet part of a saved tick the guide ticked; the tick waits for a required note or photo</extracomment>
        <translation>Note (what was done, customer feedback…)</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="137" />
        <source>选择图片…</source>
        <translation>Choose image…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="138" />
        <source>粘贴图片</source>
        <translation>Paste picture</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="139" />
        <source>Ctrl+V 粘贴截图，也可以把图片拖到窗口上</source>
        <translation>Ctrl+V pastes a screenshot; you can also drop a picture on the window</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="169" />
        <source>需备注</source>
        <translation>Note required</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="171" />
        <source>需照片</source>
        <translation>Photo required</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="174" />
        <source>完成于 {0}</source>
        <translation>Done {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="185" />
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="191" />
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="218" />
        <source>选择凭证照片</source>
        <translation>Choose evidence photo</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="254" />
        <source>照片已添加，勾选后生效</source>
        <translation>Photo added; it counts once you tick the item</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="257" />
        <source>无法使用这张图片</source>
        <translation>This picture cannot be used</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="297" />
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="297" />
        <source>已取消勾选</source>
        <translation>Unticked</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="307" />
        <source>保存失败：{0}</source>
        <translation>Save failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="318" />
        <source>{0}：请填写备注后按回车，勾选才会生效</source>
        <translation>{0}: type the note and press Enter; the tick counts then</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/item_row.py" line="322" />
        <source>{0}：请选择图片、在此项上按 Ctrl+V 粘贴截图或把图片拖到窗口上，勾选才会生效</source>
        <translation>{0}: choose a picture, press Ctrl+V on this item or drop a picture on the window; the tick counts then</translation>
    </message>
</context>
<context>
    <name>ItemWidget</name>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="56" />
        <source>完成于 {0}</source>
        <translation>Done {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="58" />
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="60" />
        <source>已联系 {0} / {1}</source>
        <translation>Contacted {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="62" />
        <source>缺少凭证照片</source>
        <translation>Photo missing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/assignment_panel.py" line="65" />
        <source>备注: {0}</source>
        <translation>Notes: {0}</translation>
    </message>
</context>
<context>
    <name>ItemsEditor</name>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="71" />
        <source>清单项</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="72" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="73" />
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="74" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="75" />
        <source>客户分群</source>
        <translation>Customer segment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="76" />
        <source>需备注</source>
        <translation>Note required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="77" />
        <source>需照片</source>
        <translation>Photo required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="80" />
        <source>添加清单项</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="81" />
        <source>删除所选项</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="97" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="98" />
        <source>标签: {0}</source>
        <translation>Tags: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="99" />
        <source>等级: {0}</source>
        <translation>Level: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="100" />
        <source>生命周期: {0}</source>
        <translation>Stage: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="111" />
        <source>勾选</source>
        <translation>Tick</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="111" />
        <source>1v1触达</source>
        <translation>1:1 outreach</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/items_editor.py" line="113" />
        <location filename="../../ui/pages/task_admin/items_editor.py" line="115" />
        <source>无</source>
        <translation>None</translation>
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
    <name>LibraryAdminPage</name>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="69" />
        <source>话术</source>
        <extracomment>calls on their way (tests wait for 0)</extracomment>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="80" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="82" />
        <source>敏感词</source>
        <translation>Sensitive words</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="84" />
        <source>标签组</source>
        <translation>Tag groups</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="86" />
        <source>话术建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="88" />
        <source>导入导出</source>
        <translation>Import / export</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="93" />
        <source>使用统计</source>
        <translation>Usage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="99" />
        <source>运营设置</source>
        <translation>Operating settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="109" />
        <source>管理话术素材需要连接服务器。现在只能查看本机已同步的内容。</source>
        <translation>Managing scripts and materials needs the server. Only what this PC has synced can be viewed now.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="110" />
        <source>重新连接</source>
        <translation>Reconnect</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/page.py" line="155" />
        <source>操作失败: {0}</source>
        <translation>Failed: {0}</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="54" />
        <source>已采纳</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="58" />
        <source>未采纳：{0}</source>
        <translation>Declined: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="60" />
        <source>未采纳</source>
        <translation>Declined</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="62" />
        <source>待处理</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="214" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="215" />
        <source>收藏</source>
        <translation>Favourites</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="216" />
        <source>最近使用</source>
        <translation>Last used</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="217" />
        <source>我的话术</source>
        <translation>My scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="218" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="222" />
        <source>搜索标题、内容、关键词（支持拼音）</source>
        <translation>Search titles, text and keywords (pinyin works)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="223" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="224" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="225" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="226" />
        <source>建议加入总部话术库</source>
        <translation>Suggest to HQ's library</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="227" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="229" />
        <source>复制下一项</source>
        <translation>Copy next item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="237" />
        <source>★ 已收藏</source>
        <translation>★ Favourite</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="237" />
        <source>☆ 收藏</source>
        <translation>☆ Favourite</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="287" />
        <source>没有找到“{0}”</source>
        <translation>Nothing found for “{0}”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="287" />
        <source>这里还没有内容</source>
        <translation>Nothing here yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="294" />
        <source>读取失败：{0}</source>
        <translation>Could not load: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="358" />
        <source>无法预览：{0}</source>
        <translation>Cannot preview: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="368" />
        <source>已建议加入总部话术库 · {0}</source>
        <translation>Suggested to HQ's library · {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="453" />
        <source>已保存，将自动同步</source>
        <translation>Saved; it will sync automatically</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="462" />
        <source>删除话术</source>
        <translation>Delete script</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="463" />
        <source>删除“{0}”？</source>
        <translation>Delete “{0}”?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="490" />
        <source>已提交给总部，结果会显示在这里</source>
        <translation>Sent to HQ; the decision will show here</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/page.py" line="498" />
        <source>未完成：{0}</source>
        <translation>Not done: {0}</translation>
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
        <location filename="../../ui/main_window.py" line="216" />
        <source>已找回 {0} 条未上传的修改</source>
        <extracomment>The page shown first. 文件 → 切换账号… (False, False) / 退出登录 (True, remove this account's local data): the keeper ends this session (ui.signin_dialog.SessionKeeper) 快捷话术 beside WeCom (made at first use; parentless so it stays when this window is minimised) and the tray icon that opens it (where there is a tray) 退出登录's question while it is open F5's cycle: None, "asked" (before it starts) or "running" 提醒: tasks due and reminder times, as tray messages (off where there is no tray)</extracomment>
        <translation>Recovered {0} changes not yet uploaded</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319" />
        <source>导购工作台</source>
        <translation>Guide Workstation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324" />
        <source>新建客户</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="325" />
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326" />
        <source>切换账号…</source>
        <translation>Switch account…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327" />
        <location filename="../../ui/main_window.py" line="591" />
        <location filename="../../ui/main_window.py" line="596" />
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="328" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329" />
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330" />
        <source>运行日志</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="331" />
        <source>需要处理的修改</source>
        <translation>Edits needing attention</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333" />
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334" />
        <source>快捷话术面板</source>
        <translation>Quick scripts panel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="339" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="340" />
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="343" />
        <source>导购工作台 · 点击打开快捷话术</source>
        <translation>Guide Workstation · click for quick scripts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="344" />
        <source>显示主窗口</source>
        <translation>Show main window</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392" />
        <source>同步完成</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="584" />
        <source>退出后，下次需要输入密码才能登录。</source>
        <translation>After signing out, the password is asked at the next sign-in.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="587" />
        <source>还有 {0} 条修改未上传，会保留在本机，该账号下次登录时上传。</source>
        <translation>{0} changes are not uploaded yet: they stay on this PC and are uploaded when this account signs in again.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="597" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="598" />
        <source>同时删除本机保存的该账号数据</source>
        <translation>Also remove this account's data from this PC</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="690" />
        <source>修改已保存在本机</source>
        <translation>Changes kept on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="691" />
        <source>有 {0} 条修改尚未上传，已安全保存在本机，下次联网时自动上传</source>
        <translation>{0} changes are not uploaded yet. They are safely kept on this PC and upload automatically when you are next online</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363" />
        <source>登录已失效，请重新登录（本机修改已保留）</source>
        <translation>Your sign-in has expired; please sign in again (local edits are kept)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376" />
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="441" />
        <source>{0}：即将推出</source>
        <translation>{0}: coming soon</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="450" />
        <source>查找失败：{0}</source>
        <translation>Lookup failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455" />
        <source>没有找到编号 {0}</source>
        <translation>No member or order numbered {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="532" />
        <source>读取订单失败：{0}</source>
        <translation>Could not load the order: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="537" />
        <source>本地没有这笔订单</source>
        <translation>This order is not in the local cache</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="647" />
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="648" />
        <source>还有 {0} 张客户卡片未保存，确定退出吗？</source>
        <translation>{0} customer cards have unsaved changes. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>MaterialEditor</name>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="151" />
        <source>编辑素材</source>
        <extracomment>Kinds whose material is a file.</extracomment>
        <translation>Edit material</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="151" />
        <source>新建素材</source>
        <translation>New material</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="153" />
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="154" />
        <source>视频</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="155" />
        <location filename="../../ui/pages/library_admin/material_editor.py" line="169" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="156" />
        <source>海报</source>
        <translation>Poster</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="157" />
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="158" />
        <source>小程序</source>
        <translation>Mini program</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="159" />
        <source>朋友圈</source>
        <translation>Moments</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="160" />
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="165" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="166" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="167" />
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="168" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="170" />
        <source>网址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="171" />
        <source>文案</source>
        <translation>Post text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="172" />
        <source>图片 (最多9张)</source>
        <translation>Images (up to 9)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="173" />
        <source>二维码位置 x, y, 宽, 高</source>
        <translation>QR code box x, y, width, height</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="174" />
        <source>可见范围</source>
        <translation>Visible to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="175" />
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="178" />
        <source>用逗号或空格分隔</source>
        <translation>Separate with commas or spaces</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="179" />
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="180" />
        <source>添加图片…</source>
        <translation>Add images…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="181" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="183" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="185" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="216" />
        <source>已上传的图片 {0}</source>
        <translation>Uploaded image {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="229" />
        <source>选择素材文件</source>
        <translation>Choose the material's file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="249" />
        <source>选择图片</source>
        <translation>Choose images</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="249" />
        <source>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="257" />
        <source>朋友圈最多9张图片</source>
        <translation>A Moments post takes at most 9 images</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="286" />
        <source>请选择素材文件</source>
        <translation>Please choose the material's file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="293" />
        <source>网址: 应以 http:// 或 https:// 开头</source>
        <translation>URL: must start with http:// or https://</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/material_editor.py" line="315" />
        <source>正在上传和保存…</source>
        <translation>Uploading and saving…</translation>
    </message>
</context>
<context>
    <name>MaterialView</name>
    <message>
        <location filename="../../ui/library_widgets/material_view.py" line="51" />
        <source>用系统程序打开</source>
        <extracomment>Kinds whose file is worth a picture (a video or other file gets the kind's icon tile).</extracomment>
        <translation>Open with system viewer</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/material_view.py" line="79" />
        <source>已在本机，离线可用</source>
        <translation>On this PC, available offline</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/material_view.py" line="79" />
        <source>未下载到本机，需联网后使用</source>
        <translation>Not downloaded; needs the network</translation>
    </message>
</context>
<context>
    <name>MaterialsTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="92" />
        <source>按标题、标签筛选</source>
        <translation>Filter by title or tag</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="93" />
        <source>新建素材</source>
        <translation>New material</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="94" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="95" />
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="98" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="99" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="100" />
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="101" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="102" />
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="103" />
        <source>使用</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="134" />
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="135" />
        <source>视频</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="136" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="137" />
        <source>海报</source>
        <translation>Poster</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="138" />
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="139" />
        <source>小程序</source>
        <translation>Mini program</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="140" />
        <source>朋友圈</source>
        <translation>Moments</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="141" />
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="160" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="172" />
        <source>共 {0} 个素材</source>
        <translation>{0} materials</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="231" />
        <source>停用素材</source>
        <translation>Retire material</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/materials_tab.py" line="232" />
        <source>停用「{0}」? 各门店的电脑将在下次同步时移除它。</source>
        <translation>Retire “{0}”? The stores' PCs remove it at their next sync.</translation>
    </message>
</context>
<context>
    <name>MemberImportDialog</name>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="98" />
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="126" />
        <source>导入会员</source>
        <translation>Import members</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="99" />
        <source>选择要导入的会员表 (.xlsx 或 .csv)</source>
        <translation>Choose a member file to import (.xlsx or .csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="100" />
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="102" />
        <source>门店列为空的行归入:</source>
        <translation>Rows without a store go to:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="103" />
        <source>(不指定, 按文件的门店列)</source>
        <translation>(none: use the file's store column)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="105" />
        <source>导入到本店</source>
        <translation>Importing into your store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="108" />
        <source>文件的列: {0}。手机号和会员号至少填一个; 导购为空时新客户平均分给门店的导购; 标签写成 标签组:标签, 多个用 ; 分隔。同一会员号或本店同一手机号的客户会被更新, 不会重复。先检查, 没有问题再导入; 有任何一行出错时不会导入任何内容。</source>
        <translation>File columns: {0}. Fill in a phone or a member no. (or both); new customers without a guide are spread evenly over the store's guides; write tags as group:tag, several separated by ;. A customer with the same member no., or the same phone in the store, is updated, never doubled. Check first, then import; if any row has a problem nothing is imported.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="113" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="113" />
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="113" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="114" />
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="115" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="126" />
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="148" />
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="148" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="160" />
        <source>没有完成: {0}</source>
        <translation>Not done: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="173" />
        <source>{0}: 共 {1} 行; 新建 {2}, 更新 {3}, 未变 {4}; 自动分配导购 {5}, 新加标签 {6}</source>
        <translation>{0}: {1} rows; {2} new, {3} updated, {4} unchanged; {5} assigned to guides automatically, {6} tags added</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="184" />
        <source> (读取方式 {0})</source>
        <translation> (read as {0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="186" />
        <source>未使用的列: {0}</source>
        <translation>Columns not used: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="188" />
        <source>发现 {0} 处问题, 没有导入任何内容:</source>
        <translation>{0} problems found, nothing was imported:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="190" />
        <source> (下表列出前 {0} 处)</source>
        <translation> (the first {0} are listed below)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="193" />
        <source>检查通过, 可以导入。</source>
        <translation>Check passed, ready to import.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="196" />
        <source>导入完成。</source>
        <translation>Import finished.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/member_import_dialog.py" line="201" />
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
</context>
<context>
    <name>MergeTab</name>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="132" />
        <source>同一手机号或会员号的客户可能是同一个人。选出要保留的那张卡，另一张的跟进、标签和订单会全部并入，空着的资料也会补全。</source>
        <extracomment>Entities whose change may change the groups or the counts shown. asked before queuing (a test answers for the person): text → yes/no</extracomment>
        <translation>Customers with the same mobile number or member no. may be one person. Choose the card to keep: the other card's follow-ups, tags and orders all move onto it, and its empty fields are filled in.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="137" />
        <source>只有店长或总部可以合并重复客户</source>
        <translation>Only the store manager or HQ can merge duplicate customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="138" />
        <source>客户一</source>
        <translation>Customer 1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="138" />
        <source>客户二</source>
        <translation>Customer 2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="140" />
        <source>保留这张卡</source>
        <translation>Keep this card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="141" />
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="157" />
        <source>读取重复客户失败：{0}</source>
        <translation>Could not read the duplicate customers: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="176" />
        <source>手机 {0}</source>
        <translation>Mobile {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="178" />
        <source>会员号 {0}</source>
        <translation>Member no. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="183" />
        <source>{0}：{1} 位 — {2}</source>
        <translation>{0}: {1} customers — {2}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="221" />
        <source>本店没有疑似重复的客户</source>
        <translation>No possible duplicate customers in this store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="271" />
        <source>读取客户失败：{0}</source>
        <translation>Could not read the customers: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="288" />
        <source>姓名：{0}</source>
        <translation>Name: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="289" />
        <source>备注名：{0}</source>
        <translation>Nickname: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="290" />
        <source>手机：{0}</source>
        <translation>Mobile: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="291" />
        <source>会员号：{0}</source>
        <translation>Member no.: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="292" />
        <source>负责导购：{0}</source>
        <translation>Guide: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="293" />
        <source>建档：{0}</source>
        <translation>Created: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="294" />
        <source>跟进 {0} 条 · 标签 {1} 个 · 订单 {2} 个</source>
        <translation>{0} follow-ups · {1} tags · {2} orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="307" />
        <source>不能合并：{0}</source>
        <translation>Cannot merge: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="310" />
        <source>合并后保留「{0}」，另一位的 {1} 条跟进、{2} 个标签、{3} 个订单将并入</source>
        <translation>“{0}” is kept; the other card's {1} follow-ups, {2} tags and {3} orders move onto it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="314" />
        <source>；补全：{0}</source>
        <translation>; filled in: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="319" />
        <source>备注名</source>
        <translation>Remark name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="320" />
        <source>手机号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="321" />
        <source>会员号</source>
        <translation>Member no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="322" />
        <source>来源渠道</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="323" />
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="324" />
        <source>入会日期</source>
        <translation>Member since</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="325" />
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="326" />
        <source>社群</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="327" />
        <source>负责导购</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="328" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="338" />
        <source>合并后保留「{0}」，另一位（{1}）的 {2} 条跟进、{3} 个标签、{4} 个订单将并入，「{1}」这张卡会被删除。确定合并吗？</source>
        <translation>“{0}” is kept; the other card's ({1}) {2} follow-ups, {3} tags and {4} orders move onto it, and the card “{1}” is removed. Merge them?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="353" />
        <source>已合并：「{0}」已并入「{1}」，同步后其他电脑也会看到</source>
        <translation>Merged: “{0}” is now part of “{1}”; other PCs see it after they sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="359" />
        <source>合并失败：{0}</source>
        <translation>Could not merge: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/merge_tab.py" line="363" />
        <source>重复客户合并</source>
        <translation>Merge duplicate customers</translation>
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
        <location filename="../../ui/card/orders.py" line="134" />
        <source>订单 {0}</source>
        <translation>Order {0}</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="143" />
        <source>打开客户卡片</source>
        <translation>Open the customer's card</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="150" />
        <source>其他门店（{0}）的订单</source>
        <translation>Order of another store ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="152" />
        <source>{0}（不在本机）</source>
        <translation>{0} (not on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="154" />
        <source>未关联客户</source>
        <translation>No customer linked</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="156" />
        <source>不在本机（其他门店的客户）</source>
        <translation>Not on this PC (another store's customer)</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="162" />
        <source>不在本机：从服务器查到</source>
        <translation>Not on this PC: found on the server</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="164" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="165" />
        <source>所属客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="166" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="167" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="168" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="171" />
        <source>商品金额</source>
        <translation>Goods total</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="172" />
        <source>优惠</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="173" />
        <source>实付金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="215" />
        <source>买家</source>
        <translation>Buyer</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="217" />
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="219" />
        <source>物流公司</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="174" />
        <source>付款时间</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="176" />
        <source>发货时间</source>
        <translation>Shipped at</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="178" />
        <source>完成时间</source>
        <translation>Completed at</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="180" />
        <source>物流单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="183" />
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="183" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="183" />
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../ui/card/orders.py" line="183" />
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
</context>
<context>
    <name>OrderMatches</name>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="171" />
        <source>刷新</source>
        <extracomment>What the last decision did, kept on the message line by the reload it causes.</extracomment>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="198" />
        <source>出错：{0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="218" />
        <source>已处理：订单 {0}</source>
        <translation>Done: order {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/matches.py" line="222" />
        <source>已关联：订单 {0} 归入所选客户</source>
        <translation>Linked: order {0} now belongs to the chosen customer</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="35" />
        <source>付款时间</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="36" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="37" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="38" />
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="39" />
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="40" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="41" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="42" />
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="240" />
        <source>不在本机 · 其他门店 {0}</source>
        <translation>Not on this PC · other store {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="244" />
        <source>不在本机</source>
        <translation>Not on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/model.py" line="245" />
        <source>本机</source>
        <translation>This PC</translation>
    </message>
</context>
<context>
    <name>OrdersImportDialog</name>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="128" />
        <location filename="../../ui/orders_import_dialog.py" line="195" />
        <source>导入订单</source>
        <extracomment>(bytes sent, bytes in all the files), emitted from the upload's thread</extracomment>
        <translation>Import orders</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="130" />
        <source>天猫/淘宝</source>
        <translation>Tmall/Taobao</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="131" />
        <source>京东POP</source>
        <translation>JD POP</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="132" />
        <source>有赞</source>
        <translation>Youzan</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="133" />
        <source>抖店</source>
        <translation>Douyin shop</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="134" />
        <source>门店POS</source>
        <translation>Store POS</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="139" />
        <source>渠道:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="140" />
        <source>订单文件:</source>
        <translation>Order file:</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="141" />
        <source>商品明细文件 (可选):</source>
        <translation>Item file (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="142" />
        <source>列映射文件:</source>
        <translation>Column mapping file:</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="143" />
        <source>未匹配订单归入:</source>
        <translation>Unmatched orders go to:</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="148" />
        <source>平台导出的订单表 (.csv 或 .xlsx)</source>
        <translation>The platform's order export (.csv or .xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="150" />
        <source>天猫宝贝报表或有赞商品维度导出, 在订单文件之后上传</source>
        <translation>Tmall item report or Youzan item-level export, uploaded after the order file</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="152" />
        <source>POS 文件的列映射 (.json 或 .yaml)</source>
        <translation>Column mapping of the POS file (.json or .yaml)</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="153" />
        <location filename="../../ui/orders_import_dialog.py" line="154" />
        <location filename="../../ui/orders_import_dialog.py" line="156" />
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="155" />
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="157" />
        <source>(不指定)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="161" />
        <source>按渠道+订单号导入, 重复导入只会更新状态、金额和物流, 不会重复。会员号或完整手机号相同的订单归到该客户; 打码手机号只作为建议匹配, 由店长确认。没有匹配到客户的订单归入所选门店。</source>
        <translation>Orders are keyed by channel + order no.; importing again only updates status, amounts and logistics, never duplicates. An order with the same member no. or full phone goes to that customer; a masked phone is only a suggested match for the supervisor to confirm. Orders matched to no customer go to the chosen store.</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="169" />
        <source>店长可以导入本店的门店POS文件 (需要列映射文件); 其他门店的行会被拒绝。平台订单由总部导入。</source>
        <translation>A supervisor may import their store's POS file (with a column mapping file); rows of other stores are rejected. Platform orders are imported by HQ.</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="173" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="173" />
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="173" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="174" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="192" />
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="194" />
        <source>列映射 (*.json *.yaml *.yml)</source>
        <translation>Column mapping (*.json *.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="242" />
        <source>正在上传并导入…</source>
        <translation>Uploading and importing…</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="258" />
        <source>没有完成: {0}</source>
        <translation>Not done: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="273" />
        <source>已上传 {0} / {1}</source>
        <translation>Uploaded {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="275" />
        <source>, 服务器正在导入…</source>
        <translation>, the server is importing…</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="287" />
        <source>{0}: 文件无法导入, 没有导入任何订单</source>
        <translation>{0}: the file cannot be imported; no orders were imported</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="290" />
        <source>{0}: 读取 {1} 行; 新导入 {2}, 更新 {3}, 未变 {4}; 未匹配客户 {5}, 建议匹配 {6}; 未付款跳过 {7}; 拒绝 {8} 行</source>
        <translation>{0}: {1} rows read; {2} new, {3} updated, {4} unchanged; {5} without a customer, {6} with a suggested match; {7} unpaid skipped; {8} rows rejected</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="304" />
        <source> (下表列出前 {0} 行)</source>
        <translation> (the first {0} rows are listed below)</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="308" />
        <source>后面的文件没有上传。</source>
        <translation>The files after it were not uploaded.</translation>
    </message>
    <message>
        <location filename="../../ui/orders_import_dialog.py" line="312" />
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="175" />
        <source>订单号（可扫码）、手机号或后4位、会员号、客户姓名</source>
        <extracomment>Earliest date a filter may name; the date edits show it as 不限.</extracomment>
        <translation>Order no. (scan), phone or last 4 digits, member no., customer name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="177" />
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="178" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="179" />
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="180" />
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="182" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="183" />
        <source>查服务器</source>
        <translation>Search server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="184" />
        <source>导入订单…</source>
        <translation>Import orders…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="186" />
        <source>本机只保存本店近{0}个月的订单；更早的或其他门店的订单到服务器查</source>
        <translation>This PC keeps this store's orders of the last {0} months; search the server for older orders or other stores'</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="190" />
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="191" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="192" />
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="194" />
        <source>待确认匹配</source>
        <translation>Suggested matches</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="195" />
        <source>未匹配订单</source>
        <translation>Unmatched orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="219" />
        <source>共 {0} 个订单</source>
        <translation>{0} orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="223" />
        <source>服务器查询结果：标「不在本机」的订单不在本机缓存中</source>
        <translation>Server results: orders marked "Not on this PC" are not in the local cache</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="225" />
        <source>总部在服务器上查询订单</source>
        <translation>HQ searches orders on the server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="228" />
        <source>本机保存本店近{0}个月的订单；没找到时自动到服务器查</source>
        <translation>This PC keeps this store's orders of the last {0} months; the server is searched when nothing is found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="231" />
        <location filename="../../ui/pages/orders/page.py" line="310" />
        <source>离线：只显示本机缓存的订单（近{0}个月）</source>
        <translation>Offline: showing cached orders only (last {0} months)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="303" />
        <source>服务器找到 {0} 个，显示最新的 {1} 个</source>
        <translation>The server found {0}; showing the newest {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/page.py" line="314" />
        <location filename="../../ui/pages/orders/page.py" line="316" />
        <source>服务器查询失败：{0}</source>
        <translation>Server search failed: {0}</translation>
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
    <name>OutreachList</name>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="98" />
        <source>复制话术 (Enter)</source>
        <translation>Copy script (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="99" />
        <source>复制下一项</source>
        <translation>Copy next item</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="100" />
        <source>标记已联系</source>
        <translation>Mark contacted</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="123" />
        <source>已联系 {0} / {1}</source>
        <translation>Contacted {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="130" />
        <source>(客户未同步)</source>
        <translation>(customer not synced)</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="131" />
        <source>✓ 已联系</source>
        <translation>✓ contacted</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="145" />
        <source>这一项没有目标客户</source>
        <translation>This item has no target customers</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="147" />
        <source>这一项没有关联话术</source>
        <translation>This item has no linked script</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="178" />
        <source>话术无法显示：{0}</source>
        <translation>Cannot show the script: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="206" />
        <source>任务「{0}」：{1}</source>
        <translation>Task "{0}": {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="211" />
        <source>已记录联系 {0}，并写入跟进记录</source>
        <translation>Contact with {0} recorded and added to follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_widgets/outreach.py" line="221" />
        <source>未记录：{0}</source>
        <translation>Not recorded: {0}</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/pages/tasks/__init__.py" line="25" />
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders/__init__.py" line="29" />
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/__init__.py" line="27" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/scripts/__init__.py" line="18" />
        <source>话术素材</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/__init__.py" line="28" />
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/__init__.py" line="33" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/__init__.py" line="27" />
        <source>任务发布</source>
        <translation>Publish tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/__init__.py" line="27" />
        <source>内容管理</source>
        <translation>Content admin</translation>
    </message>
    <message>
        <location filename="../../ui/pages/handover/__init__.py" line="27" />
        <source>交接与合并</source>
        <translation>Handover &amp; merge</translation>
    </message>
</context>
<context>
    <name>PersonalScriptDialog</name>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="77" />
        <source>新建我的话术</source>
        <translation>New personal script</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="77" />
        <source>编辑我的话术</source>
        <translation>Edit personal script</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="80" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="80" />
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="80" />
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="83" />
        <source>用空格分隔，如：面霜 敏感肌</source>
        <translation>Separated by spaces, e.g. 面霜 敏感肌</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="86" />
        <source>可用变量：{0}。写 {{称呼|亲}} 在没有称呼时用“亲”；大括号本身写 {{{{ 和 }}}}</source>
        <translation>Variables: {0}. Write {{称呼|亲}} to use “亲” when there is no salutation; write a brace itself as {{{{ and }}}}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="89" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="90" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="96" />
        <source>标题不能为空</source>
        <translation>The title cannot be empty</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="98" />
        <source>内容不能为空</source>
        <translation>The text cannot be empty</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="102" />
        <source>内容：{0}</source>
        <translation>Text: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="105" />
        <source>包含禁用词：{0}，请修改后再保存</source>
        <translation>Contains blocked words: {0}. Change them before saving</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/personal_dialog.py" line="138" />
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
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
    <name>QrRow</name>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="77" />
        <source>选择图片…</source>
        <translation>Choose image…</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="78" />
        <source>海报上放的是这张二维码；图片不超过 5 MB</source>
        <translation>Posters carry this QR code; the image may be up to 5 MB</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="91" />
        <source>图片未在本机</source>
        <translation>Image not on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="91" />
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="95" />
        <source>已选择 {0}，保存后生效</source>
        <translation>{0} chosen; takes effect when you save</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="108" />
        <source>选择二维码图片</source>
        <translation>Choose QR code image</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="110" />
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/materials/qr_setting.py" line="122" />
        <source>所选文件不是图片：{0}</source>
        <translation>The chosen file is not an image: {0}</translation>
    </message>
</context>
<context>
    <name>QuickPanel</name>
    <message>
        <location filename="../../ui/quick_panel.py" line="56" />
        <source>快捷话术</source>
        <extracomment>The in-app key (an application-wide shortcut: it works from a card too).</extracomment>
        <translation>Quick scripts</translation>
    </message>
    <message>
        <location filename="../../ui/quick_panel.py" line="58" />
        <source>输入搜索或粘贴客户消息 · Enter 复制 · Esc 收起 ({0})</source>
        <translation>Type to search or paste a customer's message · Enter copies · Esc hides ({0})</translation>
    </message>
</context>
<context>
    <name>ReminderTray</name>
    <message>
        <location filename="../../ui/tray.py" line="151" />
        <source>{0} 个任务</source>
        <extracomment>How often the reminders are checked. How long a message stays up (the desktop may cap it). Task titles named in one message; the rest are counted. ``show(title, message)``: the desktop's notification call. A message was clicked: the page it is about (``"tasks"`` or ``"today"``). The page of the message shown last (what a click on it opens). (title, message) of every message shown, for the log and tests.</extracomment>
        <translation>{0} tasks</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="153" />
        <source>{0} 位客户待跟进</source>
        <translation>{0} customers to follow up</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="154" />
        <source>今日待办</source>
        <translation>To do today</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="154" />
        <source>今日待办：{0}</source>
        <translation>To do today: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="154" />
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="159" />
        <location filename="../../ui/tray.py" line="165" />
        <source>任务即将截止</source>
        <translation>Task due soon</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="159" />
        <source>“{0}” 将于 {1} 截止</source>
        <translation>"{0}" is due at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="162" />
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="164" />
        <source>{0} 等</source>
        <translation>{0} and more</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="165" />
        <source>{0} 个任务 1 小时内截止：{1}</source>
        <translation>{0} tasks due within the hour: {1}</translation>
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
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/pages/review/page.py" line="63" />
        <source>总部看板</source>
        <extracomment>离职继承记录 of every store (issue 14), read online</extracomment>
        <translation>HQ board</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/page.py" line="64" />
        <source>交接记录</source>
        <translation>Handover records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/page.py" line="66" />
        <source>各门店的审核在门店完成；这里是全连锁的完成率排名 (需联网)</source>
        <translation>Stores review their own work; this is the chain's completion ranking (needs the server)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/page.py" line="69" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/page.py" line="70" />
        <source>门店看板</source>
        <translation>Store board</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="106" />
        <source>导购</source>
        <extracomment>What the tab shows now (tests read these). Reads in flight; 0 when what shows is current.</extracomment>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="106" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="106" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="106" />
        <source>清单</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="106" />
        <source>触达</source>
        <translation>Outreach</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="108" />
        <source>待审核的任务排在前面</source>
        <translation>Tasks waiting for review come first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="133" />
        <source>完成 {0}/{1}</source>
        <translation>Done {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="137" />
        <source>待审核 {0}</source>
        <translation>To review {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="139" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/review_tab.py" line="206" />
        <source>还没有导购领到这个任务</source>
        <translation>No guide has this task yet</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="164" />
        <source>编辑话术</source>
        <translation>Edit script</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="164" />
        <source>新建话术</source>
        <translation>New script</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="166" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="167" />
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="168" />
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="169" />
        <source>附加内容</source>
        <translation>Extra items</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="170" />
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="171" />
        <source>归属</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="172" />
        <source>可见范围</source>
        <translation>Visible to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="173" />
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="177" />
        <source>插入变量</source>
        <translation>Insert variable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="178" />
        <source>用逗号或空格分隔, 如: 敏感肌 面霜</source>
        <translation>Separate with commas or spaces, e.g.: sensitive-skin cream</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="179" />
        <location filename="../../ui/pages/library_admin/script_editor.py" line="258" />
        <source>加文字</source>
        <translation>Add text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="180" />
        <location filename="../../ui/pages/library_admin/script_editor.py" line="268" />
        <source>加素材</source>
        <translation>Add material</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="181" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="182" />
        <source>(不分组)</source>
        <translation>(no group)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="183" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="185" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="188" />
        <source>这条话术不归你管理, 只能查看</source>
        <translation>You do not manage this script: view only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="209" />
        <source>总部 (全部门店)</source>
        <translation>HQ (all stores)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="211" />
        <source>本店</source>
        <translation>My store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="243" />
        <source>素材: {0}</source>
        <translation>Material: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="245" />
        <source>文字: {0}</source>
        <translation>Text: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="258" />
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="264" />
        <source>本机还没有素材可选</source>
        <translation>This PC has no materials to choose from yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="268" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="287" />
        <source>标题: {0}</source>
        <translation>Title: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="314" />
        <source>正文: {0}</source>
        <translation>Body: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/script_editor.py" line="341" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ScriptPicker</name>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="146" />
        <source>搜索话术、素材，或粘贴客户的消息</source>
        <extracomment>A text this long (or with a question mark) is a customer's message, not a title. A shorter text that matches nothing as typed is tried as a message too.</extracomment>
        <translation>Search scripts and materials, or paste a customer's message</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="191" />
        <source>还没有收藏或最近使用的话术，输入文字搜索</source>
        <translation>No favourite or recently used scripts yet; type to search</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="242" />
        <source>没有找到“{0}”</source>
        <translation>Nothing found for “{0}”</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="251" />
        <source>搜索失败：{0}</source>
        <translation>Search failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="272" />
        <source>无法预览：{0}</source>
        <translation>Cannot preview: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="318" />
        <source>缺少变量：{0}（请选择客户或在此补上）</source>
        <translation>Missing variables: {0} (choose a customer or fill them in here)</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="324" />
        <source>包含禁用词：{0}，不能复制</source>
        <translation>Contains blocked words: {0}; cannot copy</translation>
    </message>
    <message>
        <location filename="../../ui/library_widgets/picker.py" line="331" />
        <source>包含需注意的词：{0}</source>
        <translation>Contains words to be careful with: {0}</translation>
    </message>
</context>
<context>
    <name>ScriptPickerDialog</name>
    <message>
        <location filename="../../ui/card/script_picker.py" line="36" />
        <source>选择话术 - {0}</source>
        <extracomment>The card's key for the picker (listed in Help → 快捷键 as ``card.scripts``).</extracomment>
        <translation>Choose a script - {0}</translation>
    </message>
</context>
<context>
    <name>ScriptsTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="130" />
        <source>总部话术库</source>
        <translation>HQ library</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="131" />
        <source>全部话术</source>
        <translation>All scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="135" />
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="280" />
        <source>新建分组</source>
        <translation>New group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="136" />
        <source>新建子分组</source>
        <translation>New subgroup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="137" />
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="138" />
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="352" />
        <source>删除分组</source>
        <translation>Delete group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="139" />
        <source>搜索标题、正文、关键词</source>
        <translation>Search titles, bodies, keywords</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="140" />
        <source>新建话术</source>
        <translation>New script</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="141" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="142" />
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="144" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="144" />
        <source>归属</source>
        <translation>Belongs to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="144" />
        <source>分组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="144" />
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="144" />
        <source>使用</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="251" />
        <source>总部</source>
        <translation>HQ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="259" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="269" />
        <source>共 {0} 条, 显示前 {1} 条, 请搜索缩小范围</source>
        <translation>{0} scripts, showing the first {1}: search to narrow down</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="272" />
        <source>共 {0} 条</source>
        <translation>{0} scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="280" />
        <source>重命名分组</source>
        <translation>Rename group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="281" />
        <source>分组名称</source>
        <translation>Group name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="353" />
        <source>删除分组「{0}」? 分组里还有话术时不能删除。</source>
        <translation>Delete group “{0}”? A group that still holds scripts cannot be deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="438" />
        <source>停用话术</source>
        <translation>Retire script</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/scripts_tab.py" line="439" />
        <source>停用「{0}」? 各门店的电脑将在下次同步时移除它。</source>
        <translation>Retire “{0}”? The stores' PCs remove it at their next sync.</translation>
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
        <location filename="../../ui/settings_dialog.py" line="122" />
        <source>设置</source>
        <extracomment>The server field fits an address this long (or the current one, if longer).</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="124" />
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="125" />
        <source>同步间隔</source>
        <translation>Sync interval</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="126" />
        <source>离线素材缓存上限</source>
        <translation>Offline material cache limit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="127" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="133" />
        <source>我的企微二维码</source>
        <translation>My WeCom QR code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="135" />
        <source>修改服务器地址后，下次登录时生效</source>
        <translation>A new server address takes effect at the next sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="136" />
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="138" />
        <source>修改服务器地址后需重新登录才会生效</source>
        <translation>A new server address takes effect at the next sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="139" />
        <source>桌面提醒</source>
        <translation>Desktop reminders</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="140" />
        <source>启用（任务即将截止、每天定时提醒）</source>
        <translation>On (tasks due soon, reminders at set times each day)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="141" />
        <source>提醒时间</source>
        <translation>Reminder times</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="143" />
        <source>每天这些时间提醒今日待办，多个用逗号分隔，例如 09:30, 14:00</source>
        <translation>Today's to-dos are shown at these times each day; separate them with commas, e.g. 09:30, 14:00</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="149" />
        <source>服务器地址格式不对，应类似 http://192.168.1.10:8765</source>
        <translation>The server address should look like http://192.168.1.10:8765</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="119" />
        <source>客户阶段</source>
        <extracomment>The spin boxes' bounds: the server's (``guide_core.settings_api``); it judges the rest. a call on its way (the fields wait for it) what the server last answered (None: not read yet)</extracomment>
        <translation>Customer stages</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="120" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="124" />
        <source>新客天数</source>
        <translation>New-customer days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="125" />
        <source>新客订单数上限</source>
        <translation>New-customer order limit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="126" />
        <source>活跃天数</source>
        <translation>Active days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="127" />
        <source>沉睡天数</source>
        <translation>Dormant days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="128" />
        <source>今日联系间隔</source>
        <translation>Today contact interval</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="135" />
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="136" />
        <source> 单</source>
        <translation> orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="137" />
        <source>读取</source>
        <translation>Load</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="138" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="144" />
        <source>新客：入会后 {0} 天内且订单数 ≤ {1}</source>
        <translation>New: joined within {0} days with at most {1} orders</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="148" />
        <source>活跃：{0} 天内有购买</source>
        <translation>Active: bought within {0} days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="150" />
        <source>沉睡：超过 {0} 天未购买；流失：超过 {1} 天未购买</source>
        <translation>Dormant: no purchase for over {0} days; lost: no purchase for over {1} days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="155" />
        <source>{0} 天内联系过的客户不进入今日列表 (任务不受影响)</source>
        <translation>Customers contacted within {0} days stay off the Today list (tasks are not affected)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="189" />
        <source>总部尚未修改, 现为默认值</source>
        <translation>HQ has not changed them; these are the defaults</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="190" />
        <source>上次保存于 {0}</source>
        <translation>Last saved {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="195" />
        <source>正在连接服务器…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="215" />
        <source>已读取。{0}</source>
        <translation>Loaded. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/settings_tab.py" line="239" />
        <source>已保存, 各门店电脑同步后生效。{0}</source>
        <translation>Saved; store PCs apply it after their next sync. {0}</translation>
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
        <location filename="../../ui/pages/contacts/__init__.py" line="40" />
        <source>显示/隐藏客户筛选</source>
        <translation>Show/hide customer filters</translation>
    </message>
    <message>
        <location filename="../../ui/pages/contacts/__init__.py" line="43" />
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
        <source>客户卡片：选话术并复制</source>
        <translation>Customer card: pick a script and copy it</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58" />
        <source>快捷话术面板</source>
        <translation>Quick scripts panel</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60" />
        <source>复制下一项 (多项话术)</source>
        <translation>Copy next item (multi-item scripts)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62" />
        <source>关闭卡片/对话框、收起搜索结果</source>
        <translation>Close card/dialog, hide search results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/__init__.py" line="42" />
        <source>打开今日事项（选好话术）</source>
        <translation>Open the Today entry (script chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/__init__.py" line="44" />
        <source>今日事项：完成</source>
        <translation>Today entry: done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/__init__.py" line="45" />
        <source>今日事项：稍后提醒</source>
        <translation>Today entry: snooze</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/__init__.py" line="46" />
        <source>今日事项：不适用</source>
        <translation>Today entry: not applicable</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="96" />
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="99" />
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="99" />
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
    <name>SnoozeDialog</name>
    <message>
        <location filename="../../ui/pages/today/page.py" line="114" />
        <source>稍后处理</source>
        <extracomment>Chip colours by kind (background, text).</extracomment>
        <translation>Snooze</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="115" />
        <source>到这一天再提醒：</source>
        <translation>Remind me again on:</translation>
    </message>
</context>
<context>
    <name>StoreBoardTab</name>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="84" />
        <source>最近周数</source>
        <extracomment>The board shown (None until the first read).</extracomment>
        <translation>Last weeks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="88" />
        <location filename="../../ui/pages/review/store_board.py" line="146" />
        <source>按导购</source>
        <translation>By guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="88" />
        <location filename="../../ui/pages/review/store_board.py" line="147" />
        <source>按任务</source>
        <translation>By task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="91" />
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="122" />
        <source>{0} 至 {1}: 应完成 {2}，已完成 {3} ({4:.0%})，已通过 {5}</source>
        <translation>{0} to {1}: due {2}, done {3} ({4:.0%}), approved {5}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="136" />
        <location filename="../../ui/pages/review/store_board.py" line="141" />
        <source>这段时间没有到期的任务</source>
        <translation>Nothing was due in this period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="140" />
        <source>全店完成率</source>
        <translation>Store completion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="148" />
        <source>按周</source>
        <translation>By week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="149" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="150" />
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="151" />
        <source>周 (周一)</source>
        <translation>Week (Monday)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="152" />
        <source>应完成</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="153" />
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="154" />
        <source>已通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="155" />
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="156" />
        <source>通过率</source>
        <translation>Approval rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="157" />
        <source>全店</source>
        <translation>Whole store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="163" />
        <source>门店看板_{0}.xlsx</source>
        <translation>store-board_{0}.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="165" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="165" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="181" />
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review/store_board.py" line="185" />
        <source>导出失败: {0}</source>
        <translation>Export failed: {0}</translation>
    </message>
</context>
<context>
    <name>SuggestionsTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="68" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="68" />
        <source>提交人</source>
        <translation>Suggested by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="68" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="69" />
        <source>采纳到分组</source>
        <translation>Accept into group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="70" />
        <source>采纳</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="71" />
        <source>不采纳的原因 (必填, 导购会看到)</source>
        <translation>Reason for declining (required, the guide sees it)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="72" />
        <source>不采纳</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="119" />
        <source>待处理 {0} 条</source>
        <translation>{0} pending</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/suggestions_tab.py" line="142" />
        <source>不采纳时请填写原因</source>
        <translation>Please give a reason for declining</translation>
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
    <name>TagGroupEditor</name>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="49" />
        <source>多选</source>
        <translation>Multiple choice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="50" />
        <source>单选</source>
        <translation>Single choice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="53" />
        <source>每行一个标签</source>
        <translation>One tag per line</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="63" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="64" />
        <source>选择方式</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="65" />
        <source>可见角色 (不勾选: 全部)</source>
        <translation>Visible to roles (none ticked: all)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="66" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="71" />
        <source>编辑标签组</source>
        <translation>Edit tag group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="71" />
        <source>新建标签组</source>
        <translation>New tag group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="75" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="75" />
        <source>店长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="75" />
        <source>总部</source>
        <translation>HQ</translation>
    </message>
</context>
<context>
    <name>TagGroupsTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="143" />
        <source>新建标签组</source>
        <translation>New tag group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="144" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="145" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="147" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="147" />
        <source>选择方式</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="147" />
        <source>可见角色</source>
        <translation>Visible to roles</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="147" />
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="163" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="164" />
        <source>店长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="165" />
        <source>总部</source>
        <translation>HQ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="174" />
        <source>单选</source>
        <translation>Single choice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="174" />
        <source>多选</source>
        <translation>Multiple choice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="176" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="209" />
        <source>删除标签组</source>
        <translation>Delete tag group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/tag_groups_tab.py" line="210" />
        <source>删除标签组「{0}」及其标签?</source>
        <translation>Delete tag group “{0}” and its tags?</translation>
    </message>
</context>
<context>
    <name>TagsEditor</name>
    <message>
        <location filename="../../ui/card/tags_editor.py" line="49" />
        <source> (单选)</source>
        <translation> (single choice)</translation>
    </message>
    <message>
        <location filename="../../ui/card/tags_editor.py" line="61" />
        <source>不设置</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/card/tags_editor.py" line="67" />
        <source>由总部自动打标规则添加; 手动修改后不再自动变动</source>
        <translation>Added by an HQ auto-tagging rule; once changed by hand, rules leave it alone</translation>
    </message>
</context>
<context>
    <name>TaskAdminPage</name>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="115" />
        <source>总部发布任务需要连接服务器; 发布后各门店导购同步即可收到</source>
        <extracomment>Calls in flight (tests wait for 0). The last publish report (dry run or real), for people and tests.</extracomment>
        <translation>HQ publishes tasks through the server; the stores' guides get them with their next sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="117" />
        <source>给本店导购发任务: 离线也能保存, 联网后自动发出; 修改和撤回需要联网</source>
        <translation>Tasks for the store's guides: saved offline too and sent once online; editing and withdrawing need the server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="119" />
        <source>新建任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="120" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="121" />
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="122" />
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="123" />
        <source>修改说明 (导购会看到)</source>
        <translation>What changed (the guides see it)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="128" />
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="128" />
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="181" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="211" />
        <source>已发给 {0} 人: 已提交 {1}, 已通过 {2}</source>
        <translation>Sent to {0} people: {1} submitted, {2} approved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="251" />
        <source>未发布: {0}</source>
        <translation>Not published: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="261" />
        <source>已保存「{0}」, 将同步给 {1} 位导购 (离线时联网后发出)</source>
        <translation>Saved “{0}”; it goes to {1} guides with the next sync (once online)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="271" />
        <source>未保存: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="297" />
        <source>未发布, 请修改以下问题:</source>
        <translation>Not published; please fix:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="301" />
        <source>检查通过: 将发给 {0} 家门店的 {1} 人, 共 {2} 份</source>
        <translation>Check passed: {2} assignments for {1} people in {0} stores</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="307" />
        <source>已发布: {0} 家门店的 {1} 人, 共 {2} 份</source>
        <translation>Published: {2} assignments for {1} people in {0} stores</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="312" />
        <source>提醒:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="319" />
        <source>已保存修改 (第 {0} 版)。已开始的导购保留已勾选的项: {1}</source>
        <translation>Changes saved (revision {0}). Guides who started keep their ticked items: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="329" />
        <source>撤回任务</source>
        <translation>Withdraw task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="329" />
        <source>撤回原因 (导购会看到)</source>
        <translation>Reason for withdrawing (the guides see it)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/page.py" line="342" />
        <source>已撤回: 未完成的任务已从导购电脑上移除, 已提交 {0} 份、已通过 {1} 份保留</source>
        <translation>Withdrawn: open assignments are removed from the guides' PCs; {0} submitted and {1} approved are kept</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="151" />
        <source>标题</source>
        <extracomment>The task being edited (None: a new one).</extracomment>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="152" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="153" />
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="154" />
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="155" />
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="156" />
        <source>重复</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="157" />
        <source>重复截止</source>
        <translation>Repeat until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="167" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="173" />
        <source>不重复</source>
        <translation>Once</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="175" />
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="176" />
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="177" />
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="181" />
        <source>到这天为止</source>
        <translation>Until this day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="182" />
        <source>发给谁</source>
        <translation>Who gets it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="182" />
        <source>本店导购</source>
        <translation>Guides of the store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="184" />
        <source>区域</source>
        <translation>Regions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="184" />
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="184" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="184" />
        <source>指定导购</source>
        <translation>Named guides</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="186" />
        <location filename="../../ui/pages/task_admin/form.py" line="190" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_admin/form.py" line="191" />
        <source>店长</source>
        <translation>Supervisor</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="92" />
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="93" />
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="94" />
        <source>即将开始</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="95" />
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="99" />
        <source>我的任务</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="100" />
        <source>打印今日清单</source>
        <translation>Print today's checklist</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="101" />
        <source>把今天和已逾期的任务清单保存为 PDF，可打印</source>
        <translation>Save today's and overdue tasks as a printable PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="123" />
        <source>任务读取失败：{0}</source>
        <translation>Could not read tasks: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="153" />
        <source>【逾期】</source>
        <translation>[Overdue] </translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="218" />
        <source>清单读取失败：{0}</source>
        <translation>Could not read the checklist: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="240" />
        <source>请把图片拖到要上传凭证的清单项上</source>
        <translation>Drop the picture on the checklist item it belongs to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="263" />
        <source>今日任务清单_{0}.pdf</source>
        <translation>todays-tasks_{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="267" />
        <source>保存今日任务清单</source>
        <translation>Save today's checklist</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="284" />
        <location filename="../../ui/pages/tasks/page.py" line="291" />
        <source>保存失败：{0}</source>
        <translation>Save failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks/page.py" line="286" />
        <source>已保存今日清单：{0}</source>
        <translation>Today's checklist saved: {0}</translation>
    </message>
</context>
<context>
    <name>TasksPrint</name>
    <message>
        <location filename="../../ui/tasks_print.py" line="27" />
        <source>无截止时间</source>
        <extracomment>Customers listed under an outreach item on paper (the rest: "等N位").</extracomment>
        <translation>No due time</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="36" />
        <location filename="../../ui/tasks_print.py" line="112" />
        <source>今日任务清单</source>
        <translation>Today's task checklist</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="37" />
        <source>共 {0} 项任务</source>
        <translation>{0} tasks</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="38" />
        <source>今天没有待办任务</source>
        <translation>Nothing to do today</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="39" />
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="40" />
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="41" />
        <source>退回原因</source>
        <translation>Reason sent back</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="42" />
        <source>(未同步的客户)</source>
        <translation>(customer not synced)</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="74" />
        <source>需备注</source>
        <translation>Note required</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="76" />
        <source>需照片</source>
        <translation>Photo required</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="91" />
        <source>等{0}位</source>
        <translation>and {0} more</translation>
    </message>
    <message>
        <location filename="../../ui/tasks_print.py" line="93" />
        <source>已联系 {0} / {1}</source>
        <translation>Contacted {0} / {1}</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../ui/pages/today/page.py" line="196" />
        <source>任务逾期</source>
        <translation>Task overdue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="197" />
        <source>今日任务</source>
        <translation>Task due today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="198" />
        <source>待跟进</source>
        <translation>Follow-up due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="199" />
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="200" />
        <source>会员周年</source>
        <translation>Anniversary</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="201" />
        <source>流失预警</source>
        <translation>Churn risk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="202" />
        <source>复购提醒</source>
        <translation>Replenishment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="203" />
        <source>未进社群</source>
        <translation>Not in group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="204" />
        <source>新客问候</source>
        <translation>Greet new customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="205" />
        <source>新接手</source>
        <translation>Newly handed over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="209" />
        <source>你好，{0}</source>
        <translation>Hello, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="210" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="210" />
        <source>客户/任务</source>
        <translation>Customer / task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="210" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="211" />
        <source>打开 (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="212" />
        <source>完成 (D)</source>
        <translation>Done (D)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="213" />
        <source>稍后 (S)</source>
        <translation>Snooze (S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="214" />
        <source>不适用 (N)</source>
        <translation>Not applicable (N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="216" />
        <source>↑↓ 选择，Enter 打开客户并选好话术，D 完成，S 稍后提醒，N 不适用</source>
        <translation>↑↓ choose, Enter opens the customer with a script chosen, D done, S snooze, N not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="240" />
        <source>今日读取失败：{0}</source>
        <translation>Could not read Today: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="275" />
        <source>正在整理今日待办…</source>
        <translation>Preparing today's list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="277" />
        <source>今天没有要联系的客户，做得好！</source>
        <translation>Nobody to contact today. Well done!</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="279" />
        <source>今日待办 {0} 项，按紧急程度排列</source>
        <translation>{0} to do today, most urgent first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today/page.py" line="334" />
        <source>标记失败：{0}</source>
        <translation>Could not mark it: {0}</translation>
    </message>
</context>
<context>
    <name>UsageTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="112" />
        <source>标题</source>
        <extracomment>The period shown first: the last 30 days.</extracomment>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="113" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="114" />
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="115" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="116" />
        <source>使用次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="117" />
        <source>最近使用</source>
        <translation>Last used</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="121" />
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="123" />
        <source>全部门店</source>
        <translation>All stores</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="124" />
        <source>按话术/素材</source>
        <translation>By script/material</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="124" />
        <source>按门店</source>
        <translation>By store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="124" />
        <source>按导购</source>
        <translation>By guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="126" />
        <source>查询</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="127" />
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="128" />
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="197" />
        <source>最常用</source>
        <translation>Most used</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="129" />
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="197" />
        <source>最少用</source>
        <translation>Least used</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="141" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="155" />
        <source>话术</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="155" />
        <source>素材</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="167" />
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="171" />
        <source>: 这段时间没有使用记录</source>
        <translation>: no uses in this period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="181" />
        <source>导出使用统计</source>
        <translation>Export usage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="181" />
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="201" />
        <source>无法写入文件 {0}: {1}</source>
        <translation>Cannot write file {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/usage_tab.py" line="203" />
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
</context>
<context>
    <name>VisibilityEditor</name>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="176" />
        <source>区域</source>
        <extracomment>The earliest day the wire takes; a date field at it reads 不限. The first column (a title) is at least this wide, at most twice that.</extracomment>
        <translation>Regions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="176" />
        <source>门店</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="176" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="179" />
        <source>都不勾选表示全部可见; 勾选后只有符合的区域、门店、角色可见</source>
        <translation>Nothing ticked: everyone sees it; otherwise only the ticked regions, stores and roles</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="183" />
        <source>导购</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="183" />
        <source>店长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/common.py" line="183" />
        <source>总部</source>
        <translation>HQ</translation>
    </message>
</context>
<context>
    <name>WordsTab</name>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="59" />
        <location filename="../../ui/pages/library_admin/words_tab.py" line="65" />
        <source>敏感词</source>
        <translation>Sensitive words</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="60" />
        <source>禁止 (不能复制)</source>
        <translation>Block (cannot be copied)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="61" />
        <source>提醒 (复制前确认)</source>
        <translation>Warn (confirm before copying)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="62" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="63" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="64" />
        <source>从文件导入…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="65" />
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="74" />
        <source>禁止</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="74" />
        <source>提醒</source>
        <translation>Warn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="84" />
        <source>共 {0} 个</source>
        <translation>{0} words</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="91" />
        <source>请输入敏感词</source>
        <translation>Please enter a word</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="105" />
        <source>删除敏感词</source>
        <translation>Delete sensitive word</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="105" />
        <source>删除「{0}」?</source>
        <translation>Delete “{0}”?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="115" />
        <source>导入敏感词</source>
        <translation>Import sensitive words</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="115" />
        <source>文本文件 (*.txt);;所有文件 (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/library_admin/words_tab.py" line="125" />
        <source>已添加 {0} 个, 跳过已有的 {1} 个</source>
        <translation>{0} added, {1} already listed skipped</translation>
    </message>
</context>
</TS>