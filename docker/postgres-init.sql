-- One database per division instance and one for the joint subgraph (DESIGN §6).
CREATE DATABASE ssj_division_za;
CREATE DATABASE ssj_division_wa;
CREATE DATABASE ssj_division_jd;
CREATE DATABASE ssj_division_jj;
CREATE DATABASE ssj_division_crj;
CREATE DATABASE ssj_joint;
