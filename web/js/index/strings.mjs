// strings.mjs — the start page's strings. English: only what the script writes
// (statuses, chart labels, …); the English of the page's own text is in index.html (data-i18n
// elements), its one home. 中文: everything, by the same keys.

export const STRINGS = {
  en: {
    ready: 'Ready: {build} build, simdtrain {version}.',
    simd: 'WebAssembly SIMD',
    scalar: 'scalar WebAssembly',
    done: 'Accuracy {accuracy}%, loss {loss} after {epochs} epochs.',
  },
  zh: {
    title: '深度网络是如何训练的',
    heading: '深度网络是如何训练的——亲手训练来理解',
    intro: '本站的每个实验都在你的浏览器里训练一个真实的神经网络，使用 simdtrain：一个编译为 WebAssembly SIMD 的 C 语言训练核心，数值结果与 Keras 3 相同。每次只改变一处，观察会发生什么。',
    chaptersTitle: '章节',
    ch1: '优化器：SGD、Momentum、Nesterov、AdaGrad、RMSProp、Adam、Nadam',
    ch1what: '为什么动量能穿过平坦区域，为什么 AdaGrad 会越来越慢，RMSProp 和 Adam 如何解决。',
    ch2: '梯度消失与梯度爆炸',
    ch2what: 'sigmoid 饱和、ReLU 死亡，以及初始化的作用。',
    ch3: '批量归一化',
    ch3what: '同一个网络有无 BN 的对比、滑动统计量、紧跟输入层的 BN。',
    ch4: '梯度裁剪',
    ch4what: '按值裁剪会改变梯度方向，按范数裁剪则保持方向。',
    ch5: '真实数据：手写数字',
    ch5what: 'MLP 与 CNN 在 MNIST 上并排训练，看它们的错误、滤波器，以及你自己写的数字。',
    ch6: '循环神经网络：梯度为何爆炸',
    ch6what: '随时间反向传播在每一步都乘以同一个矩阵；裁剪接住爆炸，门让梯度活下来。',
    playground: '游乐场',
    playgroundWhat: '所有参数一起调，还能分享链接。',
    xorTitle: '第一个实验：学习异或（XOR）',
    xorText: '四个点、两个类别，任何一条直线都无法分开。一个含八个 tanh 单元隐藏层的网络用带动量的 SGD 就能学会。',
    train: '训练 300 轮',
    seed: '随机种子',
    lossLabel: '每轮的训练损失',
    target: '目标',
    prediction: '预测',
    ready: '就绪：{build}，simdtrain {version}。',
    simd: 'WebAssembly SIMD 版本',
    scalar: '标量 WebAssembly 版本',
    done: '准确率 {accuracy}%，{epochs} 轮后损失 {loss}。',
  },
};
