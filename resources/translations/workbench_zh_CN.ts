<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../desktop/history_view.py" line="36" />
        <source>Search prompts and outputs</source>
        <translation>搜索提示词和输出</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="41" />
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="41" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="41" />
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="42" />
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="44" />
        <source>Starred only</source>
        <translation>仅看星标</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="108" />
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <location filename="../../desktop/history_view.py" line="109" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../desktop/inspector.py" line="38" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="42" />
        <location filename="../../desktop/inspector.py" line="123" />
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="52" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="55" />
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="59" />
        <source>Time to first token</source>
        <translation>首个词元用时</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="60" />
        <source>Prefill tok/s</source>
        <translation>预填充 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="61" />
        <source>Decode tok/s</source>
        <translation>解码 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="62" />
        <source>Prompt tokens (cached)</source>
        <translation>提示词元（缓存）</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="63" />
        <source>Completion tokens</source>
        <translation>生成词元</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="64" />
        <source>Load time</source>
        <translation>加载用时</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="65" />
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="66" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="95" />
        <source>Not installed yet: prepared on first load</source>
        <translation>尚未安装：首次加载时准备</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="123" />
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="126" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="128" />
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 层</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="129" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="130" />
        <source>Loaded · %1 · context %2 · %3 threads</source>
        <translation>已加载 · %1 · 上下文 %2 · %3 线程</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="133" />
        <source>%1 is loaded; the next run loads %2.</source>
        <translation>已加载 %1；下次运行将加载 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="135" />
        <source>Not loaded: the first run loads it.</source>
        <translation>未加载：首次运行时加载。</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="150" />
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="150" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/inspector.py" line="150" />
        <source>error</source>
        <translation>出错</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="48" />
        <source>Prompt Workbench</source>
        <translation>Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="65" />
        <source>Playground</source>
        <translation>试验场</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="66" />
        <source>Library</source>
        <translation>模板库</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="67" />
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="68" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="69" />
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="94" />
        <source>Could not save the preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="117" />
        <source>Not built yet</source>
        <translation>尚未实现</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="150" />
        <source>Busy: wait for the current task to end.</source>
        <translation>忙碌中：请等待当前任务结束。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="174" />
        <source>Could not save the setting</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="176" />
        <source>The language changes the next time the app starts.</source>
        <translation>语言将在下次启动应用时更改。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="182" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="185" />
        <source>About Prompt Workbench</source>
        <translation>关于 Prompt Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="186" />
        <source>Prompt Workbench: a local LLM playground. Models run in this process through llama.cpp; every run is logged to %1.</source>
        <translation>Prompt Workbench：本地大语言模型试验场。模型通过 llama.cpp 在本进程中运行；每次运行都记录在 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="203" />
        <source>Could not load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="204" />
        <source>Could not add the model</source>
        <translation>无法添加模型</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="205" />
        <source>Could not run</source>
        <translation>无法运行</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="217" />
        <source>Run log error</source>
        <translation>运行日志错误</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="222" />
        <source>Added %1 model(s).</source>
        <translation>已添加 %1 个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="295" />
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../desktop/menus.py" line="26" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="27" />
        <source>Add GGUF &amp;file…</source>
        <translation>添加 GGUF 文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="28" />
        <source>Add &amp;folder of models…</source>
        <translation>添加模型文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="29" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="34" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="35" />
        <source>&amp;Copy answer</source>
        <translation>复制回答(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="36" />
        <source>&amp;Find in history…</source>
        <translation>在历史记录中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="37" />
        <source>&amp;Save parameters as preset…</source>
        <translation>将参数保存为预设(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="42" />
        <location filename="../../desktop/menus.py" line="43" />
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="45" />
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="46" />
        <source>Re&amp;generate</source>
        <translation>重新生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="47" />
        <source>&amp;New chat</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="48" />
        <source>&amp;Load selected model</source>
        <translation>加载所选模型(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="53" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="60" />
        <source>&amp;Inspector</source>
        <translation>检查器(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="64" />
        <source>Answer as &amp;Markdown</source>
        <translation>以 Markdown 显示回答(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="70" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="72" />
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="79" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="80" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="81" />
        <source>&amp;About Prompt Workbench</source>
        <translation>关于 Prompt Workbench(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="82" />
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <location filename="../../desktop/models_view.py" line="40" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="40" />
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="40" />
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="40" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="41" />
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="41" />
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="41" />
        <source>Chat template</source>
        <translation>对话模板</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="41" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="59" />
        <source>auto (%1 cores)</source>
        <translation>自动（%1 核）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="62" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="70" />
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="71" />
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="72" />
        <source>Add GGUF file…</source>
        <translation>添加 GGUF 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="73" />
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="74" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="76" />
        <source>Load settings</source>
        <translation>加载设置</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="78" />
        <source>Context size (tokens)</source>
        <translation>上下文大小（词元）</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="79" />
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="80" />
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="120" />
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="120" />
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="125" />
        <source>not installed yet</source>
        <translation>尚未安装</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="125" />
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="134" />
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="134" />
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="158" />
        <source>Select a model.</source>
        <translation>请选择一个模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="162" />
        <source>Layers: %1 · GGUF v%2</source>
        <translation>层数：%1 · GGUF v%2</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="189" />
        <source>Checking for a GPU…</source>
        <translation>正在检测 GPU…</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="192" />
        <source>This llama-cpp-python build is CPU-only: GPU layers are not applied and the model runs on the CPU. Rebuild with `make setup CUDA=1` to use a CUDA GPU.</source>
        <translation>此 llama-cpp-python 版本仅支持 CPU：GPU 层数设置不会生效，模型在 CPU 上运行。如需使用 CUDA GPU，请用 `make setup CUDA=1` 重新构建。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="197" />
        <source>GPU offload is available, but the free VRAM is unknown.</source>
        <translation>支持 GPU 卸载，但无法得知可用显存。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="200" />
        <source>%1: %2 free.</source>
        <translation>%1：可用 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="204" />
        <source>Estimate: %1 of %2 layers fit.</source>
        <translation>估计：%2 层中可放入 %1 层。</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="222" />
        <source>Add a GGUF model</source>
        <translation>添加 GGUF 模型</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="222" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../desktop/models_view.py" line="227" />
        <source>Add a folder of GGUF models</source>
        <translation>添加 GGUF 模型文件夹</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <location filename="../../desktop/output_view.py" line="20" />
        <source>The answer streams here.</source>
        <translation>回答将在此处逐字显示。</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../../desktop/params_panel.py" line="49" />
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="50" />
        <source>Save these parameters as a named preset</source>
        <translation>将这些参数保存为命名预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="51" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="55" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="60" />
        <source>comma-separated, \n for a newline</source>
        <translation>以逗号分隔，\n 表示换行</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="62" />
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="63" />
        <source>Fixed: use this seed. Unchecked: a random seed per run (it is logged).</source>
        <translation>固定：使用此种子。不勾选：每次运行随机种子（会被记录）。</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="78" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="80" />
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="81" />
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="82" />
        <source>Top K</source>
        <translation>Top K</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="83" />
        <source>Min P</source>
        <translation>Min P</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="84" />
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="85" />
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="86" />
        <source>Stop strings</source>
        <translation>停止字符串</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="87" />
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="164" />
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="164" />
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="177" />
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="178" />
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../desktop/params_panel.py" line="179" />
        <source>Creative</source>
        <translation>创意</translation>
    </message>
</context>
<context>
    <name>PlaygroundView</name>
    <message>
        <location filename="../../desktop/playground.py" line="66" />
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="67" />
        <source>Completion (raw text)</source>
        <translation>补全（原始文本）</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="68" />
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="70" />
        <source>Show the answer rendered as Markdown, or as plain text</source>
        <translation>以 Markdown 渲染或以纯文本显示回答</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="71" />
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="72" />
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="74" />
        <source>Optional instructions for the assistant</source>
        <translation>给助手的可选指令</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="79" />
        <location filename="../../desktop/playground.py" line="158" />
        <source>Type a prompt, then press Ctrl+Enter</source>
        <translation>输入提示词，然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="81" />
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="84" />
        <source>Retry save</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="89" />
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="90" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="91" />
        <source>Stop generating (Esc)</source>
        <translation>停止生成 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="92" />
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="93" />
        <source>Run (Ctrl+Enter)</source>
        <translation>运行 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="97" />
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="159" />
        <source>Raw text for the model to continue (base models), then Ctrl+Enter</source>
        <translation>输入让模型续写的原始文本（基础模型），然后按 Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="204" />
        <source>Generating… press Esc to stop.</source>
        <translation>正在生成… 按 Esc 停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="206" />
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="208" />
        <source>Type a prompt to run.</source>
        <translation>请输入提示词后再运行。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="217" />
        <source>The prompt is %1 tokens; the context holds %2. Shorten it or load the model with a larger context.</source>
        <translation>提示词有 %1 个词元，上下文只能容纳 %2 个。请缩短提示词，或以更大的上下文加载模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="219" />
        <source>Ready: Ctrl+Enter runs, Esc stops.</source>
        <translation>就绪：Ctrl+Enter 运行，Esc 停止。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="267" />
        <source>Editing turn %1: Run resends it and drops the turns after it.</source>
        <translation>正在编辑第 %1 轮：运行将重新发送它，并丢弃其后的轮次。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="305" />
        <source>This run could not be saved to the run log: %1. The answer is kept here; fix the problem, then retry.</source>
        <translation>本次运行无法保存到运行日志：%1。回答仍保留在此处；解决问题后请重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="310" />
        <source>Stopped: the partial answer was logged as cancelled.</source>
        <translation>已停止：部分回答已记录为“已取消”。</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="312" />
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="327" />
        <source>Still cannot save: %1</source>
        <translation>仍然无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/playground.py" line="331" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>RunDetail</name>
    <message>
        <location filename="../../desktop/run_detail.py" line="57" />
        <location filename="../../desktop/run_detail.py" line="122" />
        <source>Select a run to see it here.</source>
        <translation>选择一次运行以在此查看。</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="65" />
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="65" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="74" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="75" />
        <source>Sent to the model</source>
        <translation>发送给模型的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="76" />
        <source>Parameters and timings</source>
        <translation>参数与耗时</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="78" />
        <source>Starred</source>
        <translation>星标</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="80" />
        <source>comma-separated tags</source>
        <translation>以逗号分隔的标签</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="82" />
        <source>A note about this run</source>
        <translation>关于本次运行的备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="84" />
        <source>Save tags and note</source>
        <translation>保存标签和备注</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="85" />
        <source>Re-run</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="86" />
        <source>Open in playground</source>
        <translation>在试验场中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="89" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/run_detail.py" line="90" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <location filename="../../desktop/history_model.py" line="45" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="45" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="45" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="46" />
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="46" />
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="46" />
        <source>tok/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="46" />
        <source>TTFT</source>
        <translation>首词元</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="47" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="47" />
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49" />
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49" />
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="49" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="50" />
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="51" />
        <source>blocked</source>
        <translation>已拦截</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="52" />
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../../desktop/history_model.py" line="52" />
        <source>completion</source>
        <translation>补全</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <location filename="../../desktop/transcript.py" line="42" />
        <source>The conversation appears here.</source>
        <translation>对话内容显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop/transcript.py" line="49" />
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../desktop/transcript.py" line="50" />
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../../desktop/transcript.py" line="51" />
        <source>edit and resend</source>
        <translation>编辑并重新发送</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../desktop/controller.py" line="125" />
        <source>Reading model files…</source>
        <translation>正在读取模型文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="138" />
        <source>Looking for a GPU…</source>
        <translation>正在检测 GPU…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="148" />
        <source>Adding %s…</source>
        <translation>正在添加 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="171" />
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="206" />
        <source>Loading and generating…</source>
        <translation>正在加载并生成…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller.py" line="206" />
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
</context>
<context>
    <name>WorkbenchStatusBar</name>
    <message>
        <location filename="../../desktop/status_bar.py" line="29" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="30" />
        <source>Stop the generation (Esc)</source>
        <translation>停止生成 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="57" />
        <source>no model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="59" />
        <location filename="../../desktop/status_bar.py" line="65" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="61" />
        <source>GPU %1/%2 layers</source>
        <translation>GPU %1/%2 层</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="63" />
        <source>CPU (GPU layers requested, not applied)</source>
        <translation>CPU（请求了 GPU 层，未生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="69" />
        <source>ctx %1/%2</source>
        <translation>上下文 %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="70" />
        <source>TTFT %1</source>
        <translation>首词元 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="71" />
        <source>prefill %1 tok/s</source>
        <translation>预填充 %1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="72" />
        <source>decode %1 tok/s</source>
        <translation>解码 %1 词元/秒</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="82" />
        <source>idle</source>
        <translation>空闲</translation>
    </message>
</context>
</TS>