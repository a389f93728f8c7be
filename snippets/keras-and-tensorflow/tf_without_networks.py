"""TensorFlow as a numerical library: a physics simulation and some signal processing."""

import math

import tensorflow as tf

# A mass on a spring (x'' = -k/m * x), integrated with semi-implicit Euler steps.
k_over_m = (2 * math.pi) ** 2  # chosen so that the spring oscillates at 1 Hz
dt, steps = 0.01, 1000  # 10 seconds sampled at 100 Hz


def euler_step(state, _):
    position, velocity = state
    velocity = velocity - k_over_m * position * dt
    return position + velocity * dt, velocity


positions, _ = tf.scan(euler_step, tf.range(steps), initializer=(1.0, 0.0))
print("simulated samples:", positions.shape[0])
for seconds in (0.25, 0.5, 1.0):  # a quarter, a half and one whole period
    print(f"position at t = {seconds:.2f} s: {float(positions[round(seconds / dt) - 1]):+.2f}")

# Signal processing on the result: the FFT peak is the oscillation frequency.
spectrum = tf.abs(tf.signal.rfft(positions))
frequencies = tf.range(steps // 2 + 1, dtype=tf.float32) / (steps * dt)
peak = int(tf.argmax(spectrum[1:])) + 1  # skip the 0 Hz (mean) bin
print(f"dominant frequency: {float(frequencies[peak]):.1f} Hz")
