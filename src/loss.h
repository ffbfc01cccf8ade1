/* loss.h — Keras 3 losses with their gradients, and the 'accuracy' metric. */
#ifndef ST_LOSS_H
#define ST_LOSS_H

/* Keras backend.epsilon(): probabilities are clipped to [eps, 1 - eps]. */
#define ST_LOSS_EPSILON 1e-7f

/* Mean loss of `rows` samples (reduction "sum_over_batch_size"). pred is [rows, cols];
 * target is [rows, cols], or [rows] class indices for sparse categorical crossentropy.
 * from_logits: the crossentropies' (0/1); delta: huber's (> 0); each ignored by the others.
 * If grad is not NULL it receives dLoss/dpred, [rows, cols]. */
double st_loss_compute(int loss, int from_logits, float delta, const float *pred, const float *target,
                       int rows, int cols, float *grad);

/* Sum over samples of Keras's 'accuracy' as compile() resolves it: binary accuracy
 * (threshold 0.5) when cols == 1, sparse categorical accuracy for the sparse loss,
 * categorical accuracy (argmax match) otherwise. Divide by rows for the mean. */
double st_accuracy_sum(int loss, const float *pred, const float *target, int rows, int cols);

/* Number of label columns the loss expects for a model with `outputs` outputs. */
int st_loss_target_cols(int loss, int outputs);

#endif
