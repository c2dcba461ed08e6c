<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementPanel</name>
    <message>
        <location filename="../../desktop/agreement_view.py" line="100"/>
        <source>The model the others are compared with</source>
        <translation>其他模型与之比较的模型</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="104"/>
        <source>Reference:</source>
        <translation>参照：</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="120"/>
        <source>The model key and its backend</source>
        <translation>模型键名及其后端</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="121"/>
        <source>Share of pairs whose normalized answers are the same as the reference&apos;s, with its 95% interval</source>
        <translation>答案（规范化后）与参照一致的配对比例，及其 95% 区间</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="122"/>
        <source>Share of pairs whose whole outputs are the same</source>
        <translation>完整输出相同的配对所占比例</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="123"/>
        <source>Mean word-level similarity of the outputs (0-1)</source>
        <translation>输出的平均词级相似度（0–1）</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="124"/>
        <source>Mean position of the first word that differs, over the pairs that differ</source>
        <translation>在有差异的配对中，第一个不同词的平均位置</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="125"/>
        <source>Assertions passed over the cells both models ran</source>
        <translation>两个模型都运行过的单元格上的断言通过率</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="126"/>
        <source>Median decode tok/s, and its ratio to the reference&apos;s</source>
        <translation>解码速度中位数（词元/秒）及其与参照之比</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="127"/>
        <source>Median time to first token</source>
        <translation>首个词元用时的中位数</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="128"/>
        <source>Weights as loaded, and how much resident memory grew while loading</source>
        <translation>加载后的权重大小，以及加载期间常驻内存的增长</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="129"/>
        <source>Cohen&apos;s kappa of the normalized answers (agreement beyond chance), with its 95% interval</source>
        <translation>规范化答案的 Cohen kappa（超出偶然的一致性）及其 95% 区间</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="180"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="180"/>
        <source>Answers
agree</source>
        <translation>答案
一致</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="181"/>
        <source>Identical
outputs</source>
        <translation>输出
相同</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="181"/>
        <source>Word
similarity</source>
        <translation>词级
相似度</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="182"/>
        <source>First
difference</source>
        <translation>首个
差异</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="182"/>
        <source>Pass
rate</source>
        <translation>通过
率</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="183"/>
        <source>Decode
tok/s</source>
        <translation>解码
词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="183"/>
        <source>TTFT
median</source>
        <translation>首词元
中位数</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="184"/>
        <source>Weights
load RSS</source>
        <translation>权重
加载 RSS</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="184"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="184"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="185"/>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="185"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="186"/>
        <source>Reference answer</source>
        <translation>参照答案</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="186"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="187"/>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="191"/>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="191"/>
        <source>same answer, other words</source>
        <translation>答案相同，措辞不同</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="192"/>
        <source>other answer</source>
        <translation>答案不同</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="192"/>
        <source>a run failed</source>
        <translation>有运行失败</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="238"/>
        <source>compared on the same cells: row, template, params set, repeat</source>
        <translation>在相同的单元格上比较：行、模板、参数组、重复</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="257"/>
        <source>Pick an experiment to see how its models agree.</source>
        <translation>选择一个实验，查看其中各模型的一致性。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="258"/>
        <source>This experiment has one model, so there is nothing to compare. Add a second model to its grid (for example the same model through transformers: backend: transformers) to see how often their answers agree, and their speed and memory side by side.</source>
        <translation>该实验只有一个模型，没有可比较的对象。在其网格中加入第二个模型（例如通过 transformers 运行同一个模型：backend: transformers），即可查看它们的答案多常一致，并并排比较速度和内存。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="265"/>
        <location filename="../../desktop/agreement_view.py" line="282"/>
        <source>reference</source>
        <translation>参照</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="269"/>
        <source>%1 of %2 pairs</source>
        <translation>%1/%2 对</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="270"/>
        <location filename="../../desktop/agreement_view.py" line="277"/>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="274"/>
        <source>identical</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="275"/>
        <source>word %1</source>
        <translation>第 %1 个词</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="276"/>
        <source>in %1 pairs</source>
        <translation>共 %1 对</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="281"/>
        <source>RSS %1</source>
        <translation>RSS %1</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="286"/>
        <source>%1 the reference&apos;s decode tok/s</source>
        <translation>参照解码速度的 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="326"/>
        <source>Left out: %1 (a run did not end ok: %2 on the reference, %3 on the model).</source>
        <translation>已排除：%1（有运行未正常结束：参照 %2 个，模型 %3 个）。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="330"/>
        <source>Unmatched cells: %1 only on the reference, %2 only on the model.</source>
        <translation>未匹配的单元格：仅参照有 %1 个，仅模型有 %2 个。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="333"/>
        <source>No variant ran on both models.</source>
        <translation>没有任何变体在两个模型上都运行过。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="340"/>
        <source>Select a model to list the rows where it differs from the reference.</source>
        <translation>选择一个模型，列出它与参照不同的行。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="342"/>
        <source>No row differs: every pair gave the same output.</source>
        <translation>没有不同的行：每一对的输出都相同。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="343"/>
        <source>No pairs to compare yet.</source>
        <translation>还没有可比较的配对。</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="345"/>
        <source>%1 pairs differ from the reference · double-click one to see both outputs side by side</source>
        <translation>%1 对与参照不同 · 双击一行可并排查看两个输出</translation>
    </message>
    <message>
        <location filename="../../desktop/agreement_view.py" line="184"/>
        <source>Kappa</source>
        <translation>Kappa</translation>
    </message>
</context>
<context>
    <name>ArenaView</name>
    <message>
        <location filename="../../desktop/arena_view.py" line="67"/>
        <source>Experiment:</source>
        <translation>实验：</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="63"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="64"/>
        <source>Reveal names</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="65"/>
        <source>Show which variant wrote each answer (and the names in the ranking)</source>
        <translation>显示每个回答来自哪个变体（以及排名中的名称）</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="255"/>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="255"/>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="83"/>
        <source>1 · Left is better  ←</source>
        <translation>1 · 左边更好  ←</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="84"/>
        <source>2 · Right is better  →</source>
        <translation>2 · 右边更好  →</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="85"/>
        <source>3 · Tie  ↓</source>
        <translation>3 · 平局  ↓</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="86"/>
        <source>4 · Both bad  ↑</source>
        <translation>4 · 都不好  ↑</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="96"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="105"/>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="105"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="105"/>
        <source>Rating (95%)</source>
        <translation>评分（95%）</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="106"/>
        <source>Won</source>
        <translation>胜</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="106"/>
        <source>Lost</source>
        <translation>负</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="106"/>
        <source>Tied</source>
        <translation>平</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="324"/>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="324"/>
        <source>tag: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="340"/>
        <source>%1 votes (%2 by you)</source>
        <translation>%1 票（你投了 %2 票）</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="343"/>
        <source>Bradley-Terry with ties, 95% bootstrap intervals</source>
        <translation>含平局的 Bradley-Terry 模型，95% 自助法区间</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="192"/>
        <source>No experiments yet: run one in Experiments, then vote here.</source>
        <translation>还没有实验：先在“实验”中运行一个，再来这里投票。</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="354"/>
        <source>votes</source>
        <translation>票</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="355"/>
        <source>same verdict in both orders: %1/%2</source>
        <translation>两种顺序下结论相同：%1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="356"/>
        <source>position bias: </source>
        <translation>位置偏差：</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="352"/>
        <source>left chosen in %1 of decisive votes (%2)</source>
        <translation>在有胜负的投票中 %1 选了左边（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="353"/>
        <source>no decisive votes</source>
        <translation>没有分出胜负的投票</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="361"/>
        <source>agreement with you: kappa %1 over %2 votes</source>
        <translation>与你的一致性：kappa %1（%2 票）</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="359"/>
        <source>undefined</source>
        <translation>未定义</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../desktop/charts.py" line="92"/>
        <source>%1 — no data</source>
        <translation>%1 — 无数据</translation>
    </message>
</context>
<context>
    <name>BaselinePanel</name>
    <message>
        <location filename="../../desktop/compare_view.py" line="391"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="391"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="391"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="392"/>
        <source>Baseline answer</source>
        <translation>基线答案</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="392"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="405"/>
        <source>better</source>
        <translation>变好</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="405"/>
        <source>worse</source>
        <translation>变差</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="405"/>
        <source>changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="406"/>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="406"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="406"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="417"/>
        <source>Overall: </source>
        <translation>总体：</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="425"/>
        <source>%1 regressions, %2 improvements (rows listed below)</source>
        <translation>%1 处退步，%2 处改进（各行见下）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="431"/>
        <source>Pick a baseline experiment to see which rows got better or worse.</source>
        <translation>选择一个基线实验，查看哪些行变好或变差。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="438"/>
        <source>pass rate %1 → %2</source>
        <translation>通过率 %1 → %2</translation>
    </message>
</context>
<context>
    <name>BatchRunner</name>
    <message>
        <location filename="../../desktop/batch_worker.py" line="119"/>
        <source>Running an experiment…</source>
        <translation>正在运行实验…</translation>
    </message>
</context>
<context>
    <name>Bubble</name>
    <message>
        <location filename="../../desktop/chat_thread.py" line="53"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="53"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="55"/>
        <source>Continuation</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="55"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="61"/>
        <source>Previous alternative</source>
        <translation>上一个候选</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="62"/>
        <source>Next alternative</source>
        <translation>下一个候选</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="66"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="66"/>
        <source>Copy this message</source>
        <translation>复制这条消息</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="67"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="67"/>
        <source>Edit this message and send it again (a new branch)</source>
        <translation>编辑这条消息并重新发送（新分支）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="68"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="68"/>
        <source>Answer again (the old answer is kept)</source>
        <translation>重新回答（保留旧回答）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="112"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="112"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="112"/>
        <source>blocked</source>
        <translation>已拦截</translation>
    </message>
</context>
<context>
    <name>CellStateModel</name>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="45"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="45"/>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="45"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="46"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="46"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="62"/>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>ChatList</name>
    <message>
        <location filename="../../desktop/chat_list.py" line="36"/>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_list.py" line="43"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_list.py" line="45"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_list.py" line="47"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_list.py" line="50"/>
        <source>As Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_list.py" line="51"/>
        <source>As JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_list.py" line="88"/>
        <source>Untitled chat</source>
        <translation>未命名对话</translation>
    </message>
</context>
<context>
    <name>ChatThread</name>
    <message>
        <location filename="../../desktop/chat_thread.py" line="129"/>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="131"/>
        <source>first token %1</source>
        <translation>首词元 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="133"/>
        <source>%1 tok/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="135"/>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="156"/>
        <source>The conversation appears here. Type below and press Ctrl+Enter.</source>
        <translation>对话显示在这里。在下方输入，然后按 Ctrl+Enter。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="289"/>
        <source>Constrained</source>
        <translation>受约束</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../desktop/checks_view.py" line="115"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="115"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="115"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="116"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="116"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="116"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="126"/>
        <source>No checks ran on this run.</source>
        <translation>这次运行没有执行检查。</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="132"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="132"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="132"/>
        <source>assertion</source>
        <translation>断言</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="133"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="133"/>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="133"/>
        <source>redacted</source>
        <translation>已脱敏</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="139"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="141"/>
        <source>satisfied</source>
        <translation>已满足</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="141"/>
        <source>not satisfied</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="143"/>
        <source>Constraint: %1</source>
        <translation>约束：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="144"/>
        <source>Enforced by: %1</source>
        <translation>执行方式：%1</translation>
    </message>
</context>
<context>
    <name>ConstraintPicker</name>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="46"/>
        <source>Constraint</source>
        <translation>输出约束</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="52"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="52"/>
        <source>Choice list</source>
        <translation>选项列表</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="52"/>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="53"/>
        <source>JSON schema</source>
        <translation>JSON Schema</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="53"/>
        <source>Grammar (Lark or GBNF)</source>
        <translation>语法（Lark 或 GBNF）</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="91"/>
        <source>Checking the constraint…</source>
        <translation>正在检查约束…</translation>
    </message>
</context>
<context>
    <name>ExperimentBuilder</name>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="111"/>
        <source>New experiment</source>
        <translation>新建实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="121"/>
        <source>my experiment</source>
        <translation>我的实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="125"/>
        <source>Raw prompts, one per line; {{ question }} takes a dataset column</source>
        <translation>原始提示词，每行一条；{{ question }} 取数据集的一列</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="128"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="128"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="128"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="131"/>
        <source>Add model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="132"/>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="134"/>
        <location filename="../../desktop/experiment_builder.py" line="162"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="137"/>
        <source>Add parameter set</source>
        <translation>添加参数组</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="138"/>
        <source>Remove parameter set</source>
        <translation>移除参数组</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="140"/>
        <source>builtin:NAME.csv or a CSV / JSONL / YAML file</source>
        <translation>builtin:名称.csv，或 CSV / JSONL / YAML 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="141"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="146"/>
        <source>all rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="151"/>
        <source>regex the answer must match (empty: none)</source>
        <translation>答案必须匹配的正则表达式（留空：不检查）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="156"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="157"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="158"/>
        <source>Save and run</source>
        <translation>保存并运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="159"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="163"/>
        <source>Templates or raw prompts</source>
        <translation>模板或原始提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="167"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="175"/>
        <source>Parameter sets</source>
        <translation>参数组</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="183"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="188"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="189"/>
        <source>Expected column</source>
        <translation>期望答案列</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="190"/>
        <source>Row limit</source>
        <translation>行数上限</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="191"/>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="192"/>
        <source>Assertions</source>
        <translation>断言</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="196"/>
        <source>the answer is valid JSON</source>
        <translation>答案是有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="197"/>
        <source>%1 (against the expected column)</source>
        <translation>%1（与期望答案列比较）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="341"/>
        <source>Choose a dataset</source>
        <translation>选择数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="342"/>
        <source>Datasets (*.csv *.jsonl *.yaml *.yml)</source>
        <translation>数据集 (*.csv *.jsonl *.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="386"/>
        <source>Parameter set %1: %2 must be a number, got %3</source>
        <translation>参数组 %1：%2 必须是数字，实际为 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="442"/>
        <source>Pick at least one template or write a raw prompt.</source>
        <translation>请至少选择一个模板或写一条原始提示词。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="444"/>
        <source>Add at least one model.</source>
        <translation>请至少添加一个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="446"/>
        <source>Add at least one parameter set.</source>
        <translation>请至少添加一个参数组。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="451"/>
        <source>Cannot run yet: %1</source>
        <translation>还不能运行：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="460"/>
        <source>%1 cells · about %2</source>
        <translation>%1 个单元格 · 约 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="478"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="500"/>
        <source>%1: the template file %2 cannot be read</source>
        <translation>%1：无法读取模板文件 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="528"/>
        <source>Open an experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="529"/>
        <location filename="../../desktop/experiment_builder.py" line="540"/>
        <source>Experiment files (*.yaml *.yml)</source>
        <translation>实验文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="539"/>
        <source>Save the experiment</source>
        <translation>保存实验</translation>
    </message>
</context>
<context>
    <name>ExperimentsView</name>
    <message>
        <location filename="../../desktop/experiments_view.py" line="77"/>
        <source>Open experiment file…</source>
        <translation>打开实验文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="78"/>
        <source>Load an experiment YAML file and run it</source>
        <translation>载入实验 YAML 文件并运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="483"/>
        <location filename="../../desktop/experiments_view.py" line="488"/>
        <source>Resume</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="489"/>
        <source>Run the cells of the selected experiment that did not finish</source>
        <translation>运行所选实验中未完成的单元</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="81"/>
        <location filename="../../desktop/experiments_view.py" line="483"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="485"/>
        <source>Pause after the current cell</source>
        <translation>在当前单元结束后暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="84"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="98"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="98"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="98"/>
        <source>Cells</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="98"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="108"/>
        <source>Only rows where the variants differ</source>
        <translation>只显示各变体结果不同的行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="111"/>
        <source>Compare against this experiment</source>
        <translation>与此实验对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="112"/>
        <source>Side by side…</source>
        <translation>并排对比…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="113"/>
        <source>Select 2 to 4 cells (or one cell with repeats) to compare their runs</source>
        <translation>选择 2 到 4 个单元（或一个有重复的单元）来对比它们的运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="114"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="115"/>
        <source>Save this comparison as HTML, Markdown, CSV or JSON</source>
        <translation>将此对比保存为 HTML、Markdown、CSV 或 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="119"/>
        <source>Baseline:</source>
        <translation>基线：</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="130"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="131"/>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="132"/>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="133"/>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="372"/>
        <location filename="../../desktop/experiments_view.py" line="401"/>
        <source>Could not run the experiment</source>
        <translation>无法运行实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="202"/>
        <source>Run log error</source>
        <translation>运行日志错误</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="205"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="205"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="205"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="206"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="228"/>
        <source>(no baseline)</source>
        <translation>（无基线）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="279"/>
        <source>Could not compare</source>
        <translation>无法对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="293"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 rows × %3 variants · %4 runs</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 行 × %3 个变体 · %4 次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="311"/>
        <location filename="../../desktop/experiments_view.py" line="329"/>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="311"/>
        <source>Select 2 to 4 cells in the grid (or one cell with repeats).</source>
        <translation>请在网格中选择 2 到 4 个单元（或一个有重复的单元）。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="337"/>
        <source>Export the comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="357"/>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="365"/>
        <source>Open an experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="366"/>
        <source>Experiment files (*.yaml *.yml)</source>
        <translation>实验文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="373"/>
        <source>The model is busy: wait for the current task to end.</source>
        <translation>模型正忙：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="376"/>
        <source>Loading the experiment…</source>
        <translation>正在载入实验…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="394"/>
        <source>Pausing after the current cell…</source>
        <translation>将在当前单元结束后暂停…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="439"/>
        <source>%1 of %2 cells were done before</source>
        <translation>%2 个单元中已有 %1 个此前完成</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="440"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="459"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="459"/>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="466"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="475"/>
        <source>No experiment running</source>
        <translation>没有正在运行的实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="484"/>
        <source>Go on with the next cell</source>
        <translation>继续下一个单元格</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="75"/>
        <source>New experiment…</source>
        <translation>新建实验…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="76"/>
        <source>Compose an experiment in the window and save it as YAML</source>
        <translation>在窗口中组建实验并保存为 YAML</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="391"/>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="416"/>
        <source>Could not open the experiment</source>
        <translation>无法打开实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="427"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="428"/>
        <source>The report was saved to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="430"/>
        <source>Open the report</source>
        <translation>打开报告</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../desktop/compare_view.py" line="115"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="115"/>
        <source>Expected</source>
        <translation>期望</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="171"/>
        <source>%1 tok/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="182"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="191"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="191"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="195"/>
        <source>TTFT %1 · decode %2 tok/s · tokens %3/%4</source>
        <translation>首词元 %1 · 解码 %2 词元/秒 · 词元 %3/%4</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="199"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="199"/>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="202"/>
        <source>Repeats: %1 · distinct answers: %2 · agreement: %3%</source>
        <translation>重复：%1 · 不同答案：%2 · 一致率：%3%</translation>
    </message>
</context>
<context>
    <name>GuardPicker</name>
    <message>
        <location filename="../../desktop/guard_picker.py" line="55"/>
        <source>Guards</source>
        <translation>护栏</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="58"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="58"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="58"/>
        <source>On fail</source>
        <translation>失败时</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="59"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="69"/>
        <source>Options: %1</source>
        <translation>选项：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="72"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="72"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="72"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="79"/>
        <source>Options as YAML, e.g. %1</source>
        <translation>以 YAML 写选项，例如 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="80"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="88"/>
        <source>Checks from the registry run on the template&apos;s answer stage; their verdicts and spans show next to the output.</source>
        <translation>检查注册表中的检查在模板的答案阶段运行；结论和标出的片段显示在输出旁边。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="145"/>
        <source>%1: the options are not valid YAML (write key: value, ...)</source>
        <translation>%1：选项不是有效的 YAML（请写成 键: 值, ...）</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="148"/>
        <source>%1: write the options as key: value, ...</source>
        <translation>%1：请把选项写成 键: 值, ...</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../desktop/history_view.py" line="37"/>
        <source>Search prompts and outputs</source>
        <translation>搜索提示词和输出</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="42"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="42"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="42"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="43"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="46"/>
        <source>Filter by the guard checks recorded with each run</source>
        <translation>按每次运行记录的护栏检查结果筛选</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="47"/>
        <source>Starred only</source>
        <translation>仅看星标</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="122"/>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="123"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="131"/>
        <source>Any checks</source>
        <translation>检查：不限</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="131"/>
        <source>With checks</source>
        <translation>有检查记录</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="132"/>
        <source>Any check failed</source>
        <translation>有检查未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="135"/>
        <source>%1 failed</source>
        <translation>%1 未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="50"/>
        <source>Where the runs came from: chats, Library template runs or experiment cells</source>
        <translation>运行的来源：对话、模板库的模板运行或实验单元格</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="51"/>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="52"/>
        <source>Chats</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="52"/>
        <source>Template runs</source>
        <translation>模板运行</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="53"/>
        <source>Experiment cells</source>
        <translation>实验单元格</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../desktop/inspector.py" line="39"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="43"/>
        <location filename="../../desktop/inspector.py" line="144"/>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="53"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="56"/>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="60"/>
        <source>Time to first token</source>
        <translation>首个词元用时</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="61"/>
        <source>Prefill tok/s</source>
        <translation>预填充 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="62"/>
        <source>Decode tok/s</source>
        <translation>解码 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="63"/>
        <source>Prompt tokens (cached)</source>
        <translation>提示词元（缓存）</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="64"/>
        <source>Completion tokens</source>
        <translation>生成词元</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="65"/>
        <source>Load time</source>
        <translation>加载用时</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="66"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="67"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="116"/>
        <source>Not installed yet: prepared on first load</source>
        <translation>尚未安装：首次加载时准备</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="144"/>
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="147"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="149"/>
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 层</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="150"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="151"/>
        <source>Loaded · %1 · context %2 · %3 threads</source>
        <translation>已加载 · %1 · 上下文 %2 · %3 线程</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="154"/>
        <source>%1 is loaded; the next run loads %2.</source>
        <translation>已加载 %1；下次运行将加载 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="156"/>
        <source>Not loaded: the first run loads it.</source>
        <translation>未加载：首次运行时加载。</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="171"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="171"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="171"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../desktop/library_view.py" line="58"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="58"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="58"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="58"/>
        <source>Lang.</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="66"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="67"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="68"/>
        <source>Duplicate…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="92"/>
        <source>Every saved version is kept, named by its content hash</source>
        <translation>每个保存过的版本都会保留，以内容哈希命名</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="94"/>
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="96"/>
        <source>Save (Ctrl+S): the library keeps every version by its content hash</source>
        <translation>保存（Ctrl+S）：模板库按内容哈希保留每个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="97"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="98"/>
        <location filename="../../desktop/library_view.py" line="456"/>
        <source>Run the template with these values through its pattern</source>
        <translation>用这些变量值按模板的模式运行</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="99"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="106"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="171"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="171"/>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="173"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="184"/>
        <source>Your version replaces the built-in template of this name.</source>
        <translation>你的版本会替代同名的内置模板。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="236"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="236"/>
        <source>Discard the changes to %1?</source>
        <translation>放弃对 %1 的修改？</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="280"/>
        <source>built-in, not edited</source>
        <translation>内置，未修改</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="293"/>
        <source>An older version is in the editor: Save makes it the latest again.</source>
        <translation>编辑器中是旧版本：保存后它会重新成为最新版本。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="308"/>
        <source>Saved version %1 (%2).</source>
        <translation>已保存为版本 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="317"/>
        <source>Duplicate template</source>
        <translation>复制模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="317"/>
        <source>Name of the copy:</source>
        <translation>副本名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="328"/>
        <source>Copied to %1.</source>
        <translation>已复制为 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="400"/>
        <source>Import a template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="401"/>
        <location filename="../../desktop/library_view.py" line="422"/>
        <source>Templates (*.yaml *.yml)</source>
        <translation>模板 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="411"/>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="418"/>
        <source>Save first: Export writes the saved version.</source>
        <translation>请先保存：导出写出的是已保存的版本。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="421"/>
        <source>Export the template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="430"/>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="444"/>
        <source>Busy: wait for the current task to end.</source>
        <translation>忙碌中：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="446"/>
        <source>Fix the template&apos;s error to run it.</source>
        <translation>请先修正模板中的错误再运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="476"/>
        <source>Running %1 (%2)…</source>
        <translation>正在运行 %1（%2）…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="69"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="70"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="71"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="72"/>
        <source>Remove from the library; saved versions stay for the runs that used them</source>
        <translation>从模板库中移除；已保存的版本仍为用过它们的运行保留</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="100"/>
        <source>Guards…</source>
        <translation>护栏…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="101"/>
        <source>Pick checks from the registry for this template (its guards: block)</source>
        <translation>从检查注册表为此模板挑选检查（即它的 guards: 块）</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="332"/>
        <source>New template</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="332"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="337"/>
        <source>A template named %1 already exists.</source>
        <translation>已有名为 %1 的模板。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="348"/>
        <source>Created %1.</source>
        <translation>已创建 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="354"/>
        <source>Only your own templates can be renamed; duplicate a built-in one instead.</source>
        <translation>只能重命名你自己的模板；内置模板请先复制。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="357"/>
        <source>Rename template</source>
        <translation>重命名模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="357"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="368"/>
        <source>Renamed %1 to %2.</source>
        <translation>已将 %1 重命名为 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="374"/>
        <source>Built-in templates cannot be deleted.</source>
        <translation>内置模板不能删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="377"/>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="378"/>
        <source>Delete %1? Its saved versions stay for the runs that used them.</source>
        <translation>删除 %1？它已保存的版本仍为用过它们的运行保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="390"/>
        <source>Deleted %1; its versions are kept.</source>
        <translation>已删除 %1；其版本已保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="525"/>
        <source>Fix the template&apos;s error first.</source>
        <translation>请先修正模板中的错误。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="541"/>
        <source>Guards written into the template; Save keeps them.</source>
        <translation>护栏已写入模板；保存后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="542"/>
        <source>Guards removed from the template.</source>
        <translation>已从模板中移除护栏。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="55"/>
        <source>Prompt Workbench</source>
        <translation>Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="75"/>
        <source>Playground</source>
        <translation>试验场</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="76"/>
        <source>Library</source>
        <translation>模板库</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="77"/>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="78"/>
        <source>Arena</source>
        <translation>竞技场</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="79"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="80"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="108"/>
        <source>Saved chats</source>
        <translation>已保存的对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="109"/>
        <source>Could not save the preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="133"/>
        <source>Not built yet</source>
        <translation>尚未实现</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177"/>
        <source>Busy: wait for the current task to end.</source>
        <translation>忙碌中：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="216"/>
        <source>Could not save the setting</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="222"/>
        <source>The language changes the next time the app starts.</source>
        <translation>语言将在下次启动应用时更改。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="228"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="231"/>
        <source>About Prompt Workbench</source>
        <translation>关于 Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="232"/>
        <source>Prompt Workbench: a local LLM playground. Models run in this process through llama.cpp; every run is logged to %1.</source>
        <translation>Prompt Workbench：本地大语言模型试验场。模型通过 llama.cpp 在本进程中运行；每次运行都记录在 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="252"/>
        <source>Could not load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="253"/>
        <source>Could not add the model</source>
        <translation>无法添加模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="255"/>
        <source>Could not run</source>
        <translation>无法运行</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="277"/>
        <source>Run log error</source>
        <translation>运行日志错误</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="282"/>
        <source>Added %1 model(s).</source>
        <translation>已添加 %1 个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="383"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="186"/>
        <source>Checking determinism: %1 re-runs…</source>
        <translation>正在检查确定性：重跑 %1 次…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="195"/>
        <source>Could not check determinism</source>
        <translation>无法检查确定性</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="254"/>
        <source>Could not remove the model</source>
        <translation>无法移除模型</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../desktop/menus.py" line="26"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="27"/>
        <source>Add GGUF &amp;file…</source>
        <translation>添加 GGUF 文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="28"/>
        <source>Add &amp;folder of models…</source>
        <translation>添加模型文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="29"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="34"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="35"/>
        <source>&amp;Copy answer</source>
        <translation>复制回答(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="36"/>
        <source>&amp;Find in history…</source>
        <translation>在历史记录中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="37"/>
        <source>&amp;Save parameters as preset…</source>
        <translation>将参数保存为预设(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="42"/>
        <location filename="../../desktop/menus.py" line="43"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="45"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="46"/>
        <source>Re&amp;generate</source>
        <translation>重新生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="47"/>
        <source>&amp;New chat</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="48"/>
        <source>&amp;Load selected model</source>
        <translation>加载所选模型(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="53"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="60"/>
        <source>&amp;Inspector</source>
        <translation>检查器(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="64"/>
        <source>Answer as &amp;Markdown</source>
        <translation>以 Markdown 显示回答(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="70"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="72"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="91"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="92"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="93"/>
        <source>&amp;About Prompt Workbench</source>
        <translation>关于 Prompt Workbench(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="94"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="78"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="82"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="82"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="83"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <location filename="../../desktop/chat_text.py" line="121"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <location filename="../../desktop/models_view.py" line="52"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="52"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="52"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="52"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Chat template</source>
        <translation>对话模板</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="71"/>
        <source>auto (%1 cores)</source>
        <translation>自动（%1 核）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="74"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="82"/>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="83"/>
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="84"/>
        <source>Add GGUF file…</source>
        <translation>添加 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="85"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="86"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="103"/>
        <source>Load settings</source>
        <translation>加载设置</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="105"/>
        <source>Context size (tokens)</source>
        <translation>上下文大小（词元）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="106"/>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="107"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="154"/>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="154"/>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="159"/>
        <source>not installed yet</source>
        <translation>尚未安装</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="159"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="169"/>
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="169"/>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="193"/>
        <source>Select a model.</source>
        <translation>请选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="199"/>
        <source>Layers: %1 · GGUF v%2</source>
        <translation>层数：%1 · GGUF v%2</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="248"/>
        <source>Checking for a GPU…</source>
        <translation>正在检测 GPU…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="251"/>
        <source>This llama-cpp-python build is CPU-only: GPU layers are not applied and the model runs on the CPU. Rebuild with `make setup CUDA=1` to use a CUDA GPU.</source>
        <translation>此 llama-cpp-python 版本仅支持 CPU：GPU 层数设置不会生效，模型在 CPU 上运行。如需使用 CUDA GPU，请用 `make setup CUDA=1` 重新构建。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="256"/>
        <source>GPU offload is available, but the free VRAM is unknown.</source>
        <translation>支持 GPU 卸载，但无法得知可用显存。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="259"/>
        <source>%1: %2 free.</source>
        <translation>%1：可用 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="263"/>
        <source>Estimate: %1 of %2 layers fit.</source>
        <translation>估计：%2 层中可放入 %1 层。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="316"/>
        <source>Add a GGUF model</source>
        <translation>添加 GGUF 模型</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="316"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="321"/>
        <source>Add a folder of GGUF models</source>
        <translation>添加 GGUF 模型文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="87"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="88"/>
        <source>Take this model off the list (the file stays where it is)</source>
        <translation>从列表中移除此模型（文件保留在原处）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="89"/>
        <source>Reveal</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="90"/>
        <source>Show the model file in the file manager</source>
        <translation>在文件管理器中显示模型文件</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="91"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="92"/>
        <source>Stop loading the model</source>
        <translation>停止加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="95"/>
        <source>Loading %p%</source>
        <translation>正在加载 %p%</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="236"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="237"/>
        <source>Estimated memory at %1 tokens: RAM %2 (weights %3, KV cache %4)</source>
        <translation>%1 个词元时的内存估计：内存 %2（权重 %3，KV 缓存 %4）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="241"/>
        <source>VRAM %1</source>
        <translation>显存 %1</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../../desktop/params_panel.py" line="67"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="68"/>
        <source>Save these parameters as a named preset</source>
        <translation>将这些参数保存为命名预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="69"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="73"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="78"/>
        <source>comma-separated, \n for a newline</source>
        <translation>以逗号分隔，\n 表示换行</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="80"/>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="81"/>
        <source>Fixed: use this seed. Unchecked: a random seed per run (it is logged).</source>
        <translation>固定：使用此种子。不勾选：每次运行随机种子（会被记录）。</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="96"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="98"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="99"/>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="100"/>
        <source>Top K</source>
        <translation>Top K</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="101"/>
        <source>Min P</source>
        <translation>Min P</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="102"/>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="103"/>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="104"/>
        <source>Stop strings</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="105"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="182"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="182"/>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="195"/>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="196"/>
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="197"/>
        <source>Creative</source>
        <translation>创意</translation>
    </message>
</context>
<context>
    <name>PatternPicker</name>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="37"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="38"/>
        <source>How many examples to use</source>
        <translation>使用多少个示例</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="40"/>
        <source>given</source>
        <translation>原顺序</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="40"/>
        <source>shuffled</source>
        <translation>打乱</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="41"/>
        <source>reversed</source>
        <translation>倒序</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="44"/>
        <source>chat turns</source>
        <translation>对话轮次</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="44"/>
        <source>inline text</source>
        <translation>内联文本</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="48"/>
        <source>Number of sampled reasoning paths</source>
        <translation>采样的推理路径数</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="53"/>
        <source>three stages</source>
        <translation>三阶段</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="53"/>
        <source>single prompt</source>
        <translation>单个提示</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="60"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="62"/>
        <source>Examples (k)</source>
        <translation>示例数 (k)</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="62"/>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="63"/>
        <source>Style</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="63"/>
        <source>Samples (n)</source>
        <translation>采样数 (n)</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="64"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="65"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="110"/>
        <source>Three model calls: step-back question, its answer, the final answer.</source>
        <translation>三次模型调用：退一步问题、它的回答、最终答案。</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="112"/>
        <source>%1 sampled answers and a majority vote.</source>
        <translation>%1 个采样答案，多数表决。</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="114"/>
        <source>Two model calls: reasoning, then answer extraction.</source>
        <translation>两次模型调用：先推理，再提取答案。</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="116"/>
        <source>Decompose, solve each sub-question, then answer.</source>
        <translation>先分解，逐个解决子问题，再作答。</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="117"/>
        <source>One model call.</source>
        <translation>一次模型调用。</translation>
    </message>
</context>
<context>
    <name>PlaygroundView</name>
    <message>
        <location filename="../../desktop/playground.py" line="102"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="103"/>
        <source>Completion (raw text)</source>
        <translation>补全（原始文本）</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="104"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="106"/>
        <source>Show the answer rendered as Markdown, or as plain text</source>
        <translation>以 Markdown 渲染或以纯文本显示回答</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="107"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="108"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="110"/>
        <source>Optional instructions for the assistant</source>
        <translation>给助手的可选指令</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="118"/>
        <location filename="../../desktop/playground.py" line="244"/>
        <source>Type a prompt, then press Ctrl+Enter</source>
        <translation>输入提示词，然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="120"/>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="123"/>
        <source>Retry save</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="126"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="131"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="132"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="133"/>
        <source>Stop generating (Esc)</source>
        <translation>停止生成 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="134"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="135"/>
        <source>Run (Ctrl+Enter)</source>
        <translation>运行 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="386"/>
        <source>Editing message %1: Run sends it as a new branch; the old one stays (switch with ‹ ›).</source>
        <translation>正在编辑第 %1 条消息：运行会把它作为新分支发送；旧分支保留（用 ‹ › 切换）。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="100"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="96"/>
        <source>Chats</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="99"/>
        <source>Show or hide the saved chats</source>
        <translation>显示或隐藏已保存的对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="245"/>
        <source>Raw text for the model to continue (base models), then Ctrl+Enter</source>
        <translation>输入让模型续写的原始文本（基础模型），然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="259"/>
        <source>This model has no chat template: switched to completion.</source>
        <translation>此模型没有对话模板：已切换到补全。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="307"/>
        <source>Generating… press Esc to stop.</source>
        <translation>正在生成… 按 Esc 停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="309"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="311"/>
        <source>Type a prompt to run.</source>
        <translation>请输入提示词后再运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="318"/>
        <source>Constraint: %1</source>
        <translation>约束：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="323"/>
        <source>The prompt is %1 tokens; the context holds %2. Shorten it or load the model with a larger context.</source>
        <translation>提示词有 %1 个词元，上下文只能容纳 %2 个。请缩短提示词，或以更大的上下文加载模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="325"/>
        <source>Ready: Ctrl+Enter runs, Esc stops.</source>
        <translation>就绪：Ctrl+Enter 运行，Esc 停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="459"/>
        <source>This run could not be saved to the run log: %1. The answer is kept here; fix the problem, then retry.</source>
        <translation>本次运行无法保存到运行日志：%1。回答仍保留在此处；解决问题后请重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="466"/>
        <source>Stopped: the partial answer was logged as cancelled.</source>
        <translation>已停止：部分回答已记录为“已取消”。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="468"/>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="511"/>
        <source>Still cannot save: %1</source>
        <translation>仍然无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="515"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>ReopenMixin</name>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="72"/>
        <source>the parameters (%1)</source>
        <translation>参数（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="84"/>
        <source>the constraint (unreadable)</source>
        <translation>约束（无法读取）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="92"/>
        <source>guards %1</source>
        <translation>防护检查 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="96"/>
        <source>template %1 with its variables</source>
        <translation>模板 %1 及其变量</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="101"/>
        <source>Kept from the run for the next runs of this chat: %1.</source>
        <translation>已沿用该次运行的设置，用于此对话之后的运行：%1。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="103"/>
        <source>Reopened, but not restored: %1.</source>
        <translation>已重新打开，但以下内容未能恢复：%1。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="135"/>
        <source>the model %1 (not found; the current model is kept)</source>
        <translation>模型 %1（未找到；保留当前模型）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_reopen.py" line="151"/>
        <source>The model file %1 has changed since the run (its sha256 differs): the answer may differ.</source>
        <translation>模型文件 %1 自该次运行后已改变（sha256 不同）：回答可能不同。</translation>
    </message>
</context>
<context>
    <name>RunDetail</name>
    <message>
        <location filename="../../desktop/run_detail.py" line="61"/>
        <location filename="../../desktop/run_detail.py" line="151"/>
        <source>Select a run to see it here.</source>
        <translation>选择一次运行以在此查看。</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="69"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="69"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="78"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="79"/>
        <source>Sent to the model</source>
        <translation>发送给模型的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="80"/>
        <source>Parameters and timings</source>
        <translation>参数与耗时</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="82"/>
        <location filename="../../desktop/run_detail.py" line="222"/>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="104"/>
        <source>Starred</source>
        <translation>星标</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="106"/>
        <source>comma-separated tags</source>
        <translation>以逗号分隔的标签</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="108"/>
        <source>A note about this run</source>
        <translation>关于本次运行的备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="110"/>
        <source>Save tags and note</source>
        <translation>保存标签和备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="111"/>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="112"/>
        <source>Open in playground</source>
        <translation>在试验场中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="115"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="116"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="220"/>
        <source>Checks (%1, %2 failed)</source>
        <translation>检查（%1 项，%2 项未通过）</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="222"/>
        <source>Checks (%1)</source>
        <translation>检查（%1 项）</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="102"/>
        <source>Determinism</source>
        <translation>确定性</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="86"/>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="86"/>
        <source>Re-runs</source>
        <translation>重跑次数</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="86"/>
        <source>Distinct outputs</source>
        <translation>不同输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="86"/>
        <source>Same as logged</source>
        <translation>与记录相同</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="87"/>
        <source>First difference</source>
        <translation>首个差异</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="87"/>
        <source>Checked</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="94"/>
        <source>Check determinism (5 re-runs)</source>
        <translation>检查确定性（重跑 5 次）</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="95"/>
        <source>Run this again 5 times with its seed, threads and batch size, and count the distinct outputs</source>
        <translation>用相同的种子、线程数和批大小再运行 5 次，并统计不同的输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="195"/>
        <source>none: reproducible here</source>
        <translation>无：在此可复现</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="195"/>
        <source>one run</source>
        <translation>仅一次</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="197"/>
        <source>token %1</source>
        <translation>第 %1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="198"/>
        <source>character %1</source>
        <translation>第 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="211"/>
        <source>Not checked yet. Also: python main.py determinism %1 -n 5 --threads 1,2 --batch 8,512</source>
        <translation>尚未检查。也可以运行：python main.py determinism %1 -n 5 --threads 1,2 --batch 8,512</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="214"/>
        <source>Same seed each time; a configuration is the thread count and batch size the model was loaded with.</source>
        <translation>每次使用相同的种子；配置指加载模型时的线程数和批大小。</translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <location filename="../../desktop/history_model.py" line="48"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="48"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="48"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>tok/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>TTFT</source>
        <translation>首词元</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="53"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="53"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="53"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="54"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="54"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="55"/>
        <source>blocked</source>
        <translation>已拦截</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="52"/>
        <location filename="../../desktop/history_model.py" line="56"/>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="56"/>
        <source>completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="52"/>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="52"/>
        <source>experiment</source>
        <translation>实验</translation>
    </message>
</context>
<context>
    <name>SavedChatsMixin</name>
    <message>
        <location filename="../../desktop/chat_saved.py" line="32"/>
        <source>Untitled chat</source>
        <translation>未命名对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="87"/>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="87"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="101"/>
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="102"/>
        <source>Delete this chat? Its runs stay in History.</source>
        <translation>删除此对话？其运行记录仍保留在历史记录中。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="132"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="132"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="133"/>
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="141"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <location filename="../../desktop/side_by_side.py" line="58"/>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../desktop/side_by_side.py" line="63"/>
        <source>Each run is compared with the first: &lt;span style=&apos;%1&apos;&gt;added&lt;/span&gt;, &lt;span style=&apos;%2&apos;&gt;removed&lt;/span&gt;.</source>
        <translation>每次运行都与第一次对比：&lt;span style=&apos;%1&apos;&gt;新增&lt;/span&gt;，&lt;span style=&apos;%2&apos;&gt;删除&lt;/span&gt;。</translation>
    </message>
    <message>
        <location filename="../../desktop/side_by_side.py" line="68"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/side_by_side.py" line="69"/>
        <source>What was sent</source>
        <translation>发送的内容</translation>
    </message>
</context>
<context>
    <name>StageResults</name>
    <message>
        <location filename="../../desktop/stage_results.py" line="56"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="56"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="56"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="58"/>
        <source>Final answer: %1</source>
        <translation>最终答案：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="60"/>
        <source>%1 stage(s)</source>
        <translation>%1 个阶段</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="62"/>
        <source>agreement %1%</source>
        <translation>一致率 %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="63"/>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../desktop/compare_view.py" line="310"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="310"/>
        <source>Runs</source>
        <translation>运行数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="310"/>
        <source>Pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="312"/>
        <source>TTFT median</source>
        <translation>首词元中位数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="312"/>
        <source>TTFT p90</source>
        <translation>首词元 p90</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="313"/>
        <source>Decode tok/s</source>
        <translation>解码 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="313"/>
        <source>Tokens in/out</source>
        <translation>词元 输入/输出</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="314"/>
        <source>Guard failures</source>
        <translation>守卫未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="314"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="314"/>
        <source>Agreement</source>
        <translation>一致率</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="311"/>
        <source>Ok runs: pass rate (95%)</source>
        <translation>成功运行：通过率（95%）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="315"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="315"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="315"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="315"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="316"/>
        <source>A value</source>
        <translation>A 值</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="316"/>
        <source>B value</source>
        <translation>B 值</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="317"/>
        <source>Difference (95%)</source>
        <translation>差值（95%）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="317"/>
        <source>Holm p</source>
        <translation>Holm 校正 p</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="317"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="318"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="368"/>
        <source>One variant: nothing to compare.</source>
        <translation>只有一个变体：没有可比较的。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="371"/>
        <source>%1 variants: every pair is compared, and the p-values are Holm-adjusted across the comparisons of each metric (%2); a verdict uses the adjusted p.</source>
        <translation>%1 个变体：两两比较，每个指标的 p 值按 Holm 法在各比较间校正（%2）；结论使用校正后的 p。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="376"/>
        <source>95% intervals and paired tests; hover here for the methods, seed and resamples.</source>
        <translation>95% 区间和配对检验；将鼠标悬停在此处可查看方法、种子和重抽样次数。</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../desktop/template_editor.py" line="78"/>
        <source>Variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="85"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="91"/>
        <source>What the model receives appears here.</source>
        <translation>模型将收到的内容显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="98"/>
        <source>Preview: what the model receives</source>
        <translation>预览：模型收到的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="230"/>
        <source>The first of several model calls; later ones depend on the answers.</source>
        <translation>这是多次模型调用中的第一次；后续调用取决于前面的回答。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="239"/>
        <source>Shown before the model&apos;s chat template: the exact text and its token count need the model loaded (Load in the inspector).</source>
        <translation>显示的是套用模型对话模板之前的内容：确切文本和词元数需要先加载模型（在检查器中点“加载”）。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="243"/>
        <source>Counting tokens…</source>
        <translation>正在统计词元…</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="262"/>
        <source>%1 tokens of a %2-token context (%3%).</source>
        <translation>%1 个词元，上下文共 %2 个词元（%3%）。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="178"/>
        <source>Switching pattern removed %1 (Undo, Ctrl+Z, brings them back).</source>
        <translation>切换模式删除了 %1（撤销 Ctrl+Z 可恢复）。</translation>
    </message>
</context>
<context>
    <name>VariablesForm</name>
    <message>
        <location filename="../../desktop/variables_form.py" line="38"/>
        <location filename="../../desktop/variables_form.py" line="52"/>
        <source>This template declares no variables.</source>
        <translation>这个模板没有声明变量。</translation>
    </message>
    <message>
        <location filename="../../desktop/variables_form.py" line="63"/>
        <source>Type: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/variables_form.py" line="109"/>
        <source>One item per line</source>
        <translation>每行一项</translation>
    </message>
</context>
<context>
    <name>VariantCharts</name>
    <message>
        <location filename="../../desktop/charts.py" line="128"/>
        <source>Decode tokens/s (median)</source>
        <translation>解码 词元/秒（中位数）</translation>
    </message>
    <message>
        <location filename="../../desktop/charts.py" line="126"/>
        <source>Pass rate of ok runs (%), 95% interval</source>
        <translation>成功运行的通过率（%），95% 区间</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../desktop/controller.py" line="167"/>
        <source>Reading model files…</source>
        <translation>正在读取模型文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="179"/>
        <source>Looking for a GPU…</source>
        <translation>正在检测 GPU…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="190"/>
        <source>Adding %s…</source>
        <translation>正在添加 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="273"/>
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="308"/>
        <location filename="../../desktop/controller.py" line="328"/>
        <source>Loading and generating…</source>
        <translation>正在加载并生成…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="308"/>
        <location filename="../../desktop/controller.py" line="328"/>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="201"/>
        <source>The model list could not be saved in %1: %2</source>
        <translation>无法在 %1 中保存模型列表：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="212"/>
        <source>%1 comes with the app and cannot be removed</source>
        <translation>%1 随应用附带，不能移除</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="220"/>
        <source>%1 is found in a model folder (%2); move the file out of it to remove it</source>
        <translation>%1 位于模型文件夹（%2）中；把文件移出该文件夹才能移除</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="263"/>
        <source>Loading %1 was cancelled</source>
        <translation>已取消加载 %1</translation>
    </message>
</context>
<context>
    <name>WorkbenchStatusBar</name>
    <message>
        <location filename="../../desktop/status_bar.py" line="29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="30"/>
        <source>Stop the generation (Esc)</source>
        <translation>停止生成 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="57"/>
        <source>no model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="59"/>
        <location filename="../../desktop/status_bar.py" line="65"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="61"/>
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 层</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="63"/>
        <source>CPU (GPU layers requested, not applied)</source>
        <translation>CPU（请求了 GPU 层，未生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="69"/>
        <source>ctx %1/%2</source>
        <translation>上下文 %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="70"/>
        <source>TTFT %1</source>
        <translation>首词元 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="71"/>
        <source>prefill %1 tok/s</source>
        <translation>预填充 %1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="72"/>
        <source>decode %1 tok/s</source>
        <translation>解码 %1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="82"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../desktop/engine_strings.py" line="41"/>
        <source>{path} is a folder, not a GGUF file</source>
        <translation>{path} 是文件夹，不是 GGUF 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="42"/>
        <source>{name} is truncated: its GGUF header ends early</source>
        <translation>{name} 不完整：它的 GGUF 文件头提前结束</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="43"/>
        <source>model file not found: {path}</source>
        <translation>找不到模型文件：{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="44"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="45"/>
        <source>{name} is not a GGUF model file (only {size} bytes)</source>
        <translation>{name} 不是 GGUF 模型文件（只有 {size} 字节）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="46"/>
        <source>{name} is not a GGUF model file (it does not start with &apos;GGUF&apos;)</source>
        <translation>{name} 不是 GGUF 模型文件（开头不是 &apos;GGUF&apos;）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="47"/>
        <source>llama.cpp could not load {name}: {reason}</source>
        <translation>llama.cpp 无法加载 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="48"/>
        <source>unknown model {name!r}; `python main.py models` lists the known ones</source>
        <translation>未知模型 {name!r}；`python main.py models` 可列出已知模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="49"/>
        <source>no such file or folder: {path}</source>
        <translation>没有这个文件或文件夹：{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="50"/>
        <source>no .gguf files in {path}</source>
        <translation>{path} 中没有 .gguf 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="51"/>
        <source>bundled model {name} is not installed (run make setup)</source>
        <translation>附带模型 {name} 未安装（请运行 make setup）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="52"/>
        <source>a template named &apos;{name}&apos; already exists</source>
        <translation>已有名为 &apos;{name}&apos; 的模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="53"/>
        <source>no template named &apos;{name}&apos; in your folder</source>
        <translation>你的文件夹中没有名为 &apos;{name}&apos; 的模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="54"/>
        <source>&apos;{name}&apos; is built in and cannot be deleted</source>
        <translation>&apos;{name}&apos; 是内置模板，不能删除</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="55"/>
        <source>blocked: {found}</source>
        <translation>已拦截：{found}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="56"/>
        <source>{n} characters, within limits</source>
        <translation>{n} 个字符，在限制之内</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="57"/>
        <source>text does not match /{pattern}/</source>
        <translation>文本不匹配 /{pattern}/</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="58"/>
        <source>redacted {what}</source>
        <translation>已遮蔽 {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="59"/>
        <source>{n} characters &gt; max {limit}</source>
        <translation>{n} 个字符，超过上限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="60"/>
        <source>{n} characters &lt; min {limit}</source>
        <translation>{n} 个字符，低于下限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="61"/>
        <source>{n} forbidden match(es) of /{pattern}/</source>
        <translation>/{pattern}/ 有 {n} 处禁止的匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="62"/>
        <source>{n} tokens &gt; max {limit}</source>
        <translation>{n} 个词元，超过上限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="63"/>
        <source>{n} tokens &lt; min {limit}</source>
        <translation>{n} 个词元，低于下限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="64"/>
        <source>no PII found</source>
        <translation>未发现个人信息</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="65"/>
        <source>found {what}</source>
        <translation>发现 {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="66"/>
        <source>{label}: the grid is empty: no {parts}</source>
        <translation>{label}：网格为空：没有 {parts}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="67"/>
        <source>{label}: templates: the same template version is listed twice</source>
        <translation>{label}：templates：同一个模板版本列了两次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="68"/>
        <source>template file not found: {path}</source>
        <translation>找不到模板文件：{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="69"/>
        <source>{label}: templates.{index}: {error}</source>
        <translation>{label}：templates.{index}：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="70"/>
        <source>{label}: dataset: {error}</source>
        <translation>{label}：数据集：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="71"/>
        <source>{label}: dataset: unknown column &apos;{column}&apos; in {name}; it has {columns}</source>
        <translation>{label}：数据集：{name} 中没有 &apos;{column}&apos; 列；它有 {columns}</translation>
    </message>
</context>
<context>
    <name>old</name>
    <message>
        <location filename="../../desktop/live_switch.py" line="52"/>
        <source>Wait for the current task to end, then switch the language.</source>
        <translation>请等当前任务结束后再切换语言。</translation>
    </message>
    <message>
        <location filename="../../desktop/live_switch.py" line="58"/>
        <source>Could not save the setting</source>
        <translation>无法保存设置</translation>
    </message>
</context>
</TS>
